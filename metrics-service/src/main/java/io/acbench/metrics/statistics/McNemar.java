package io.acbench.metrics.statistics;

/**
 * McNemar's test for paired pass/fail outcomes (McNemar 1947). Only the discordant pairs count: b =
 * base correct and variant wrong, c = base wrong and variant correct.
 *
 * <ul>
 *   <li>b + c &lt; {@value #EXACT_BELOW}: exact two-sided binomial test, p = min(1, 2·P(X ≤ min(b,
 *       c))) with X ~ Binomial(b + c, 1/2).
 *   <li>otherwise: χ² = (|b − c| − 1)²/(b + c) with Edwards' continuity correction, p = P(χ²₁ ≥
 *       χ²).
 * </ul>
 *
 * With no discordant pairs the outcomes are identical and p = 1.
 */
public final class McNemar {

  /** Discordant-pair count below which the exact binomial test is used. */
  public static final int EXACT_BELOW = 25;

  private McNemar() {}

  /** Which form of the test produced a result. */
  public enum Method {
    EXACT_BINOMIAL,
    CHI_SQUARE_CONTINUITY_CORRECTED
  }

  /**
   * @param b discordant pairs base correct → variant wrong
   * @param c discordant pairs base wrong → variant correct
   * @param method the form used
   * @param statistic χ² for the chi-square form; min(b, c) for the exact form
   * @param pValue two-sided p-value
   */
  public record Result(int b, int c, Method method, double statistic, double pValue) {}

  /** Runs the test on the discordant counts. */
  public static Result test(int b, int c) {
    if (b < 0 || c < 0) {
      throw new IllegalArgumentException("discordant counts must be >= 0, were " + b + ", " + c);
    }
    int n = b + c;
    if (n < EXACT_BELOW) {
      int k = Math.min(b, c);
      double tail = 0;
      for (int i = 0; i <= k; i++) {
        tail += Math.exp(logChoose(n, i) - n * Math.log(2));
      }
      return new Result(b, c, Method.EXACT_BINOMIAL, k, Math.min(1.0, 2 * tail));
    }
    double chi2 = Math.pow(Math.abs(b - c) - 1.0, 2) / n;
    return new Result(
        b,
        c,
        Method.CHI_SQUARE_CONTINUITY_CORRECTED,
        chi2,
        SpecialFunctions.chiSquareSurvival(chi2, 1));
  }

  private static double logChoose(int n, int k) {
    return SpecialFunctions.logGamma(n + 1.0)
        - SpecialFunctions.logGamma(k + 1.0)
        - SpecialFunctions.logGamma(n - k + 1.0);
  }
}
