package io.acbench.inference.client;

import com.google.protobuf.ByteString;
import io.acbench.contracts.grpc.inference.InferParameter;
import io.acbench.contracts.grpc.inference.ModelInferResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A decoded {@code ModelInferResponse}: outputs by name (raw slot j belongs to output j, §1.11 rule
 * 3) plus the response parameters.
 */
public record InferResult(
    String modelName,
    String modelVersion,
    String id,
    Map<String, OutputTensor> outputs,
    Map<String, InferParameter> parameters) {

  public InferResult {
    outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    parameters = Map.copyOf(parameters);
  }

  /** Decodes {@code response}; rejects a raw slot count that does not match the outputs. */
  public static InferResult decode(ModelInferResponse response) {
    int raws = response.getRawOutputContentsCount();
    if (raws != 0 && raws != response.getOutputsCount()) {
      throw new IllegalArgumentException(
          "response has "
              + response.getOutputsCount()
              + " outputs but "
              + raws
              + " raw_output_contents entries");
    }
    Map<String, OutputTensor> outputs = new LinkedHashMap<>();
    for (int j = 0; j < response.getOutputsCount(); j++) {
      ModelInferResponse.InferOutputTensor o = response.getOutputs(j);
      ByteString raw =
          raws != 0
              ? response.getRawOutputContents(j)
              : OutputTensor.rawFromContents(o.getDatatype(), o.getContents());
      long[] shape = o.getShapeList().stream().mapToLong(Long::longValue).toArray();
      outputs.put(o.getName(), new OutputTensor(o.getName(), o.getDatatype(), shape, raw));
    }
    return new InferResult(
        response.getModelName(),
        response.getModelVersion(),
        response.getId(),
        outputs,
        response.getParametersMap());
  }

  public Optional<OutputTensor> output(String name) {
    return Optional.ofNullable(outputs.get(name));
  }

  /** The output {@code name}; a clear error when the server did not send it. */
  public OutputTensor require(String name) {
    OutputTensor t = outputs.get(name);
    if (t == null) {
      throw new IllegalStateException(
          "model '" + modelName + "' returned no output '" + name + "'; got " + outputs.keySet());
    }
    return t;
  }

  /** The bool response parameter {@code key}, false when absent. */
  public boolean boolParameter(String key) {
    InferParameter p = parameters.get(key);
    return p != null && p.getBoolParam();
  }
}
