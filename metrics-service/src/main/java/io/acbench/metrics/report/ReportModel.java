package io.acbench.metrics.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The plain results model a report is rendered from. Lists that are empty make their section and
 * plot disappear. Nullable fields are marked; every other field is required.
 *
 * @param title page title
 * @param evaluationId the evaluation
 * @param baseModel the base model's name or URI
 * @param variants the base first, then the compressed variants
 * @param taskScores one entry per (variant, task)
 * @param capabilityScores one entry per (variant, capability)
 * @param needleGrids Needle-in-a-Haystack grids, one per variant that ran the task
 * @param energyHistograms energy histograms, each overlaying several variants on shared bins
 * @param topKCurves top-k correlation curves of each variant against the base
 * @param eranks ERank per variant (the base included)
 * @param notes free-text lines shown at the end (e.g. reference-parity caveats)
 */
public record ReportModel(
    String title,
    String evaluationId,
    String baseModel,
    List<Variant> variants,
    List<TaskScore> taskScores,
    List<CapabilityScore> capabilityScores,
    List<NeedleGrid> needleGrids,
    List<EnergyHistogram> energyHistograms,
    List<TopKCurve> topKCurves,
    List<ERankEntry> eranks,
    List<String> notes) {

  public ReportModel {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(evaluationId, "evaluationId");
    Objects.requireNonNull(baseModel, "baseModel");
    variants = List.copyOf(variants);
    taskScores = List.copyOf(taskScores);
    capabilityScores = List.copyOf(capabilityScores);
    needleGrids = List.copyOf(needleGrids);
    energyHistograms = List.copyOf(energyHistograms);
    topKCurves = List.copyOf(topKCurves);
    eranks = List.copyOf(eranks);
    notes = List.copyOf(notes);
    if (variants.stream().filter(Variant::base).count() != 1) {
      throw new IllegalArgumentException("variants must contain exactly one base");
    }
  }

  /** The base variant. */
  public Variant baseVariant() {
    return variants.stream().filter(Variant::base).findFirst().orElseThrow();
  }

  /**
   * @param id variant id as in the events
   * @param label display label, e.g. {@code GPTQ W4A16 g128}
   * @param base whether this is the uncompressed base model
   */
  public record Variant(String id, String label, boolean base) {}

  /**
   * A score with its interval and its change against the base (nulls for the base itself).
   *
   * @param score mean score in [0, 1]
   * @param ciLow lower bootstrap bound, nullable
   * @param ciHigh upper bootstrap bound, nullable
   * @param absoluteChange variant − base, nullable
   * @param relativeChange (variant − base)/base, nullable
   * @param pValue paired test p-value against the base, nullable
   * @param test the paired test's name, nullable
   */
  public record Score(
      double score,
      Double ciLow,
      Double ciHigh,
      Double absoluteChange,
      Double relativeChange,
      Double pValue,
      String test) {

    /** A score without interval or comparison. */
    public static Score plain(double score) {
      return new Score(score, null, null, null, null, null, null);
    }
  }

  /**
   * @param variantId the variant
   * @param taskId the task
   * @param capability the task's capability
   * @param score the score
   * @param samples samples scored
   * @param correctToWrong answer flips against the base, nullable
   * @param wrongToCorrect answer flips against the base, nullable
   */
  public record TaskScore(
      String variantId,
      String taskId,
      String capability,
      Score score,
      int samples,
      Integer correctToWrong,
      Integer wrongToCorrect) {}

  /** A capability's score for one variant. */
  public record CapabilityScore(String variantId, String capability, Score score) {}

  /**
   * @param variantId the variant
   * @param lengths (L) context lengths, the columns
   * @param depths (D) needle depths in percent, the rows
   * @param scores (D, L) heat-map scores in [0, 1]; NaN for a cell not run
   * @param pretrainedLength where the dashed line goes, nullable
   */
  public record NeedleGrid(
      String variantId, int[] lengths, int[] depths, double[][] scores, Integer pretrainedLength) {
    public NeedleGrid {
      if (scores.length != depths.length) {
        throw new IllegalArgumentException("needle scores need one row per depth");
      }
      for (double[] row : scores) {
        if (row.length != lengths.length) {
          throw new IllegalArgumentException("needle scores need one column per length");
        }
      }
    }
  }

  /**
   * @param label what was binned, e.g. {@code all positions} or {@code position 64}
   * @param edges (B + 1) shared bin edges
   * @param densities variant id → (B) densities, in legend order
   */
  public record EnergyHistogram(String label, double[] edges, Map<String, double[]> densities) {}

  /**
   * @param variantId the variant compared with the base
   * @param k the top-k width
   * @param kendall (T) mean Kendall tau-b per position, NaN where not available
   * @param spearman (T) mean Spearman per position
   */
  public record TopKCurve(String variantId, int k, double[] kendall, double[] spearman) {}

  /**
   * @param variantId the variant
   * @param erank mean ERank over the probe sequences
   * @param diffERank ERank − ERank(base), null for the base
   * @param meanKl mean coarsened KL(base ‖ variant), nullable
   */
  public record ERankEntry(String variantId, double erank, Double diffERank, Double meanKl) {}
}
