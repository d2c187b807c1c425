package io.acbench.inference.model;

import io.acbench.contracts.grpc.inference.DataType;
import io.acbench.contracts.grpc.inference.ModelConfig;
import io.acbench.contracts.grpc.inference.ModelInput;
import io.acbench.contracts.grpc.inference.ModelOutput;
import io.acbench.contracts.grpc.inference.ModelTransactionPolicy;
import java.util.List;

/**
 * Auto-completes a config like Triton's backends do: the vLLM contract (§3.1) for generation
 * models, the probe contract (inference-server/README.md (model contracts)) for probe models.
 * Declared inputs and outputs are kept when the config lists them.
 */
public final class ModelConfigs {

  /** Config parameter that marks a probe model. */
  public static final String KIND_PARAMETER = "acbench_kind";

  private ModelConfigs() {}

  /** The kind of a parsed config, or an explanation why it is neither. */
  public static ModelKind kind(ModelConfig c) {
    if ("vllm".equals(c.getBackend())) {
      return ModelKind.GENERATION;
    }
    var kind = c.getParametersMap().get(KIND_PARAMETER);
    if (kind != null && "probe".equals(kind.getStringValue())) {
      return ModelKind.PROBE;
    }
    throw new IllegalArgumentException(
        "backend '"
            + c.getBackend()
            + "' is not served here: use backend \"vllm\", or a parameter "
            + KIND_PARAMETER
            + " = \"probe\"");
  }

  public static ModelConfig complete(ModelConfig c, ModelKind kind) {
    ModelConfig.Builder b = c.toBuilder().setMaxBatchSize(0);
    if (kind == ModelKind.GENERATION) {
      b.setModelTransactionPolicy(ModelTransactionPolicy.newBuilder().setDecoupled(true));
      if (c.getInputCount() == 0) {
        b.addInput(in("text_input", DataType.TYPE_STRING, false, 1));
        b.addInput(in("stream", DataType.TYPE_BOOL, true, 1));
        b.addInput(in("sampling_parameters", DataType.TYPE_STRING, true, 1));
        b.addInput(in("exclude_input_in_output", DataType.TYPE_BOOL, true, 1));
        for (String s :
            List.of(
                "finish_reason",
                "cumulative_logprob",
                "logprobs",
                "num_input_tokens",
                "num_output_tokens")) {
          b.addInput(in("return_" + s, DataType.TYPE_BOOL, true, 1));
        }
      }
      if (c.getOutputCount() == 0) {
        b.addOutput(out("text_output", DataType.TYPE_STRING, -1));
        b.addOutput(out("finish_reason", DataType.TYPE_STRING, -1));
        b.addOutput(out("cumulative_logprob", DataType.TYPE_FP32, -1));
        b.addOutput(out("logprobs", DataType.TYPE_STRING, -1));
        b.addOutput(out("num_input_tokens", DataType.TYPE_UINT32, 1));
        b.addOutput(out("num_output_tokens", DataType.TYPE_UINT32, -1));
      }
    } else {
      b.setModelTransactionPolicy(ModelTransactionPolicy.newBuilder().setDecoupled(false));
      if (c.getInputCount() == 0) {
        b.addInput(in("text_input", DataType.TYPE_STRING, true, -1));
        b.addInput(in("input_ids", DataType.TYPE_INT64, true, -1, -1));
        b.addInput(in("input_lengths", DataType.TYPE_INT64, true, -1));
        b.addInput(in("top_k", DataType.TYPE_INT32, true, 1));
        b.addInput(in("return_hidden_states", DataType.TYPE_BOOL, true, 1));
        b.addInput(in("reference_ids", DataType.TYPE_INT64, true, -1, -1, -1));
      }
      if (c.getOutputCount() == 0) {
        b.addOutput(out("num_tokens", DataType.TYPE_INT64, -1));
        b.addOutput(out("logsumexp", DataType.TYPE_FP32, -1, -1));
        b.addOutput(out("topk_ids", DataType.TYPE_INT64, -1, -1, -1));
        b.addOutput(out("topk_logits", DataType.TYPE_FP32, -1, -1, -1));
        b.addOutput(out("gram", DataType.TYPE_FP64, -1, -1, -1));
        b.addOutput(out("hidden_states", DataType.TYPE_FP32, -1, -1, -1));
        b.addOutput(out("reference_logits", DataType.TYPE_FP32, -1, -1, -1));
      }
    }
    return b.build();
  }

  private static ModelInput in(String name, DataType type, boolean optional, long... dims) {
    ModelInput.Builder b = ModelInput.newBuilder().setName(name).setDataType(type);
    for (long d : dims) {
      b.addDims(d);
    }
    return b.setOptional(optional).build();
  }

  private static ModelOutput out(String name, DataType type, long... dims) {
    ModelOutput.Builder b = ModelOutput.newBuilder().setName(name).setDataType(type);
    for (long d : dims) {
      b.addDims(d);
    }
    return b.build();
  }
}
