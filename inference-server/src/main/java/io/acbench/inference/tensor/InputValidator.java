package io.acbench.inference.tensor;

import io.acbench.contracts.grpc.inference.ModelConfig;
import io.acbench.contracts.grpc.inference.ModelInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks decoded inputs against a model's declared inputs, with Triton's messages. */
public final class InputValidator {

  private InputValidator() {}

  /**
   * @param int32For inputs declared INT64 that also accept INT32
   */
  public static void validate(
      ModelConfig config, Map<String, Tensor> inputs, Set<String> int32For) {
    String model = config.getName();
    for (Tensor t : inputs.values()) {
      ModelInput declared =
          config.getInputList().stream()
              .filter(i -> i.getName().equals(t.name()))
              .findFirst()
              .orElseThrow(
                  () ->
                      InferenceException.invalid(
                          "unexpected inference input '"
                              + t.name()
                              + "' for model '"
                              + model
                              + "'"));
      String expected = DataTypes.wireName(declared.getDataType());
      boolean alt = "INT32".equals(t.datatype()) && int32For.contains(t.name());
      if (!expected.equals(t.datatype()) && !alt) {
        throw InferenceException.invalid(
            "inference input '"
                + t.name()
                + "' data-type is '"
                + t.datatype()
                + "', but model '"
                + model
                + "' expects '"
                + expected
                + "'");
      }
      checkShape(declared, t, model);
    }
    List<String> missing = new ArrayList<>();
    for (ModelInput declared : config.getInputList()) {
      if (!declared.getOptional() && !inputs.containsKey(declared.getName())) {
        missing.add("'" + declared.getName() + "'");
      }
    }
    if (!missing.isEmpty()) {
      long required = config.getInputList().stream().filter(i -> !i.getOptional()).count();
      throw InferenceException.invalid(
          "expected "
              + required
              + " inputs but got "
              + inputs.size()
              + " inputs for model '"
              + model
              + "'. Got input(s) "
              + inputs.keySet()
              + ", but missing required input(s) "
              + missing
              + ". Please provide all required input(s).");
    }
  }

  private static void checkShape(ModelInput declared, Tensor t, String model) {
    List<Long> dims = declared.getDimsList();
    boolean ok = dims.size() == t.shape().length;
    for (int i = 0; ok && i < dims.size(); i++) {
      ok = dims.get(i) < 0 || dims.get(i) == t.shape()[i];
    }
    if (!ok) {
      throw InferenceException.invalid(
          "unexpected shape for input '"
              + t.name()
              + "' for model '"
              + model
              + "'. Expected "
              + dims
              + ", got "
              + t.shapeText());
    }
  }
}
