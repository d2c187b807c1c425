package io.acbench.metrics.analysis;

import io.acbench.contracts.probe.ProbeResult;
import java.util.List;
import java.util.Map;

/**
 * Every analysis metric of one variant against the base on the same probe inputs: ERank and
 * Diff-ERank, top-k correlation curves, coarsened KL, and pooled energy histograms on a shared
 * range.
 *
 * @param erank ERank comparison
 * @param topK k → curves, for the spec's k that the base's stored top-k width allows
 * @param kl coarsened KL(base ‖ variant)
 * @param baseEnergy pooled energy histogram of the base ({@link Histogram#SPEC_BINS} bins)
 * @param variantEnergy pooled energy histogram of the variant, same bins
 */
public record ProbeComparison(
    ERank.Comparison erank,
    Map<Integer, TopKCorrelation.Curve> topK,
    KlDivergence.Result kl,
    Histogram baseEnergy,
    Histogram variantEnergy) {

  /** Computes all metrics; the two results must come from the same probe inputs. */
  public static ProbeComparison of(ProbeResult base, ProbeResult variant) {
    List<Integer> ks = TopKCorrelation.SPEC_KS.stream().filter(k -> k <= base.topK()).toList();
    Histogram[] energy =
        Energy.sharedHistograms(Histogram.SPEC_BINS, Energy.all(base), Energy.all(variant));
    return new ProbeComparison(
        ERank.compare(base, variant),
        TopKCorrelation.compute(base, variant, ks),
        KlDivergence.compute(base, variant),
        energy[0],
        energy[1]);
  }
}
