package io.acbench.inference.client;

/**
 * Tensor names of the project's probe model contract (inference-server/README.md (model contracts)
 * §2 on the server branch; deploy/triton/model_repository/acbench_probe). A probe model is a
 * non-decoupled model whose config.pbtxt carries {@code parameters { key: "acbench_kind" value: {
 * string_value: "probe" } }}.
 */
public final class ProbeContract {
  public static final String TEXT_INPUT = "text_input";
  public static final String INPUT_IDS = "input_ids";
  public static final String INPUT_LENGTHS = "input_lengths";
  public static final String TOP_K = "top_k";
  public static final String RETURN_HIDDEN_STATES = "return_hidden_states";
  public static final String REFERENCE_IDS = "reference_ids";

  public static final String NUM_TOKENS = "num_tokens";
  public static final String LOGSUMEXP = "logsumexp";
  public static final String TOPK_IDS = "topk_ids";
  public static final String TOPK_LOGITS = "topk_logits";
  public static final String GRAM = "gram";
  public static final String HIDDEN_STATES = "hidden_states";
  public static final String REFERENCE_LOGITS = "reference_logits";

  /** The config parameter key and value that mark a probe model. */
  public static final String KIND_PARAMETER = "acbench_kind";

  public static final String KIND_PROBE = "probe";

  /** Largest k the contract allows. */
  public static final int MAX_TOP_K = 64;

  private ProbeContract() {}
}
