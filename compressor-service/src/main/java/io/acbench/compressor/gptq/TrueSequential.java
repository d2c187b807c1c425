package io.acbench.compressor.gptq;

import java.util.List;

/**
 * The sub-groups of a Llama/Qwen2/Mistral decoder layer compressed one after the other with {@code
 * true_sequential} (spec §1.3). Each sub-group is hooked alone and the whole layer re-run before
 * it, so later sub-groups see the already compressed earlier ones. Members of one sub-group share
 * one forward, so their order inside the sub-group does not change the result; the spec's order is
 * kept.
 */
public final class TrueSequential {

  /** {@code [k, v, q] → [o] → [up, gate] → [down]}. */
  public static final List<List<String>> LLAMA_SUBGROUPS =
      List.of(
          List.of("self_attn.k_proj", "self_attn.v_proj", "self_attn.q_proj"),
          List.of("self_attn.o_proj"),
          List.of("mlp.up_proj", "mlp.gate_proj"),
          List.of("mlp.down_proj"));

  private TrueSequential() {}
}
