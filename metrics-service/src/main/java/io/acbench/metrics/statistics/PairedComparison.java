package io.acbench.metrics.statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares a variant against the base model on the same samples (joined by sample id): mean
 * difference with a paired bootstrap interval, answer flips, and a paired test — McNemar when every
 * score is 0 or 1 (pass/fail), the paired bootstrap p-value otherwise.
 *
 * @param pairs samples scored on both
 * @param baseOnly samples only the base has
 * @param variantOnly samples only the variant has
 * @param meanDifference mean of variant − base over the pairs
 * @param ciLow lower paired-bootstrap bound of the mean difference
 * @param ciHigh upper bound
 * @param correctToWrong base ≥ threshold and variant &lt; threshold
 * @param wrongToCorrect base &lt; threshold and variant ≥ threshold
 * @param test {@code mcnemar-exact}, {@code mcnemar-chi2-cc} or {@code paired-bootstrap}
 * @param pValue two-sided p-value of the test
 */
public record PairedComparison(
    int pairs,
    int baseOnly,
    int variantOnly,
    double meanDifference,
    double ciLow,
    double ciHigh,
    int correctToWrong,
    int wrongToCorrect,
    String test,
    double pValue) {

  /** Score at or above which an answer counts as correct for the flip counts. */
  public static final double DEFAULT_PASS_THRESHOLD = 0.5;

  /**
   * Compares on the samples both maps hold.
   *
   * @param base sample id → base score
   * @param variant sample id → variant score
   * @param passThreshold a score ≥ this counts as correct
   */
  public static PairedComparison compare(
      Map<String, Double> base,
      Map<String, Double> variant,
      BootstrapSpec spec,
      double passThreshold) {
    List<String> common = new ArrayList<>(new TreeSet<>(base.keySet()));
    common.retainAll(variant.keySet());
    if (common.isEmpty()) {
      throw new IllegalArgumentException("base and variant share no sample ids");
    }
    double[] b = new double[common.size()];
    double[] v = new double[common.size()];
    boolean binary = true;
    int correctToWrong = 0;
    int wrongToCorrect = 0;
    for (int i = 0; i < b.length; i++) {
      b[i] = base.get(common.get(i));
      v[i] = variant.get(common.get(i));
      binary &= isZeroOrOne(b[i]) && isZeroOrOne(v[i]);
      boolean baseOk = b[i] >= passThreshold;
      boolean variantOk = v[i] >= passThreshold;
      correctToWrong += baseOk && !variantOk ? 1 : 0;
      wrongToCorrect += !baseOk && variantOk ? 1 : 0;
    }
    Bootstrap.PairedBootstrap boot = Bootstrap.pairedMeanDifference(b, v, spec);
    String test = "paired-bootstrap";
    double p = boot.pValue();
    if (binary) {
      McNemar.Result m = McNemar.test(correctToWrong, wrongToCorrect);
      test = m.method() == McNemar.Method.EXACT_BINOMIAL ? "mcnemar-exact" : "mcnemar-chi2-cc";
      p = m.pValue();
    }
    return new PairedComparison(
        common.size(),
        base.size() - common.size(),
        variant.size() - common.size(),
        boot.meanDifference(),
        boot.low(),
        boot.high(),
        correctToWrong,
        wrongToCorrect,
        test,
        p);
  }

  private static boolean isZeroOrOne(double x) {
    return x == 0.0 || x == 1.0;
  }
}
