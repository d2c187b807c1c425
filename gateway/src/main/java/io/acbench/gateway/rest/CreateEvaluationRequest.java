package io.acbench.gateway.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/v1/evaluations}.
 *
 * @param baseModelUri the base Hugging Face checkpoint (directory path or URI)
 * @param modelName a human name for reports; defaults to the last path element
 * @param variants the compression recipes to evaluate besides the base model
 * @param tasks task ids to run on every variant
 * @param thresholds verdict policy overrides
 * @param probe whether every variant (the base included) is probed for the logits-level analysis
 *     (ERank, top-k correlation, energy, KL) on the built-in probe set; null = true
 */
public record CreateEvaluationRequest(
    @NotBlank String baseModelUri,
    String modelName,
    @Valid List<VariantRequest> variants,
    @NotEmpty List<@NotBlank String> tasks,
    Map<String, Double> thresholds,
    @Schema(
            description =
                "Probe every variant, the base included, on the built-in probe set ("
                    + PROBE_SET
                    + ") for the logits-level analysis: ERank, top-k ranking correlation,"
                    + " energy, KL. false skips probing.",
            defaultValue = "true")
        Boolean probe) {

  /** The probe set a request with {@code probe} true (the default) asks for. */
  public static final String PROBE_SET = "builtin-v1";

  /** The {@code probeSetId} of {@code evaluation.requested}: {@value #PROBE_SET}, or null. */
  public String probeSetId() {
    return probe == null || probe ? PROBE_SET : null;
  }

  /**
   * One compression recipe.
   *
   * @param id variant id, unique in the evaluation; {@code base} is reserved
   * @param method the compression method
   * @param parameters method parameters
   */
  public record VariantRequest(
      @NotBlank
          @Pattern(
              regexp = "[a-z0-9][a-z0-9._-]{0,62}",
              message = "must be lower-case letters, digits, '.', '_' or '-' (at most 63)")
          String id,
      @NotBlank
          @Pattern(
              regexp = "gptq|awq|rtn|wanda|sparsegpt|magnitude",
              message = "must be one of gptq, awq, rtn, wanda, sparsegpt, magnitude")
          String method,
      Map<String, String> parameters) {}
}
