package io.acbench.metrics.scorers.common;

/**
 * Precision, recall and F1 of one record.
 *
 * @param precision P
 * @param recall R
 * @param f1 F1 = 2PR/(P + R), 0 when P + R = 0
 */
public record Prf(double precision, double recall, double f1) {

  public static final Prf ZERO = new Prf(0, 0, 0);

  /** From a count c of correct items: P = c/|P|, R = c/|G|; zero when either size is 0. */
  public static Prf fromCount(int correct, int predicted, int gold) {
    if (predicted == 0 || gold == 0) {
      return ZERO;
    }
    return of((double) correct / predicted, (double) correct / gold);
  }

  /** F1 from P and R. */
  public static Prf of(double precision, double recall) {
    double sum = precision + recall;
    return new Prf(precision, recall, sum == 0 ? 0 : 2 * precision * recall / sum);
  }
}
