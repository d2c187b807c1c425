package io.acbench.metrics.store;

/**
 * The stored logits-level analysis of one variant on one probe set (table {@code probe_analyses}).
 *
 * @param status {@link #STORED} or {@link #FAILED}
 * @param erank mean ERank of the variant over the probe sequences (null when failed)
 * @param diffERank Diff-ERank against the base (null for the base and when failed)
 * @param meanKl mean coarsened KL(base ‖ variant) (null for the base, when failed or unavailable)
 * @param resultJson the full analysis document (null when failed)
 * @param failureReason why the analysis failed (null when stored)
 */
public record ProbeAnalysisRecord(
    String evaluationId,
    String variantId,
    String probeSetId,
    String status,
    Double erank,
    Double diffERank,
    Double meanKl,
    String resultJson,
    String failureReason) {

  public static final String STORED = "STORED";
  public static final String FAILED = "FAILED";

  public boolean stored() {
    return STORED.equals(status);
  }

  /** A failed analysis with its reason. */
  public static ProbeAnalysisRecord failed(
      String evaluationId, String variantId, String probeSetId, String reason) {
    return new ProbeAnalysisRecord(
        evaluationId, variantId, probeSetId, FAILED, null, null, null, null, reason);
  }
}
