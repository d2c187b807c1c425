package io.acbench.metrics.analysis;

import io.acbench.contracts.probe.ProbeReductions;
import io.acbench.contracts.probe.ProbeResult;
import java.util.Arrays;

/**
 * Effective rank (Roy and Vetterli 2007) of output logits, as ACBench computes it (benchmark-spec
 * §4.1), from the Gram form B = (1/N) R Rᵀ, which shares its non-zero eigenvalues with the
 * covariance Σ = (1/N) Rᵀ R:
 *
 * <pre>
 *   Σ̃ = B / tr(B);  λ = eig(Σ̃), keep λ_j &gt; ε (no renormalisation);
 *   H = −Σ_j λ_j ln λ_j;  ERank = exp(H).
 * </pre>
 */
public final class ERank {

  /** ε of the quantization-sweep reference script. */
  public static final double DEFAULT_EPSILON = 1e-10;

  private ERank() {}

  /**
   * @param erank exp(H)
   * @param eigenvalues the kept λ_j of Σ̃, descending
   */
  public record Result(double erank, double[] eigenvalues) {}

  /**
   * ERank from a Gram matrix.
   *
   * @param gram (n, n) row-major, symmetric PSD (not modified)
   * @param epsilon eigenvalues ≤ ε are dropped
   */
  public static Result fromGram(double[] gram, int n, double epsilon) {
    double trace = 0;
    for (int i = 0; i < n; i++) {
      trace += gram[i * n + i];
    }
    if (!(trace > 0)) {
      throw new IllegalArgumentException("gram has trace " + trace + "; ERank needs trace > 0");
    }
    double[] sigma = gram.clone();
    for (int i = 0; i < sigma.length; i++) {
      sigma[i] /= trace;
    }
    double[] lambda = JacobiEigen.eigenvalues(sigma, n);
    double[] kept = Arrays.stream(lambda).filter(l -> l > epsilon).toArray();
    double h = 0;
    for (double l : kept) {
      h -= l * Math.log(l);
    }
    return new Result(Math.exp(h), kept);
  }

  /** ERank of a logits matrix X (N, d) via its Gram matrix. */
  public static Result fromLogits(float[][] x, double epsilon) {
    return fromGram(ProbeReductions.gram(x), x.length, epsilon);
  }

  /** ERank of every sequence of a probe result, with {@link #DEFAULT_EPSILON}. */
  public static double[] perSequence(ProbeResult result) {
    return result.sequences().stream()
        .mapToDouble(s -> fromGram(s.gram(), s.length(), DEFAULT_EPSILON).erank())
        .toArray();
  }

  /**
   * ERank of a variant against the base on the same probe inputs.
   *
   * @param base mean ERank of the base over the sequences
   * @param variant mean ERank of the variant
   * @param diff Diff-ERank = mean over sequences of ERank(variant) − ERank(base)
   * @param growthPercent (variant/base − 1)·100 of the means
   * @param sequences sequences compared
   */
  public record Comparison(
      double base, double variant, double diff, double growthPercent, int sequences) {}

  /** Compares per-sequence ERank of a variant with the base; the inputs must match. */
  public static Comparison compare(ProbeResult base, ProbeResult variant) {
    ProbeAlignment.requireSameInputs(base, variant);
    double[] b = perSequence(base);
    double[] v = perSequence(variant);
    if (b.length == 0) {
      throw new IllegalArgumentException("probe results hold no sequences");
    }
    double mb = Arrays.stream(b).average().orElseThrow();
    double mv = Arrays.stream(v).average().orElseThrow();
    return new Comparison(mb, mv, mv - mb, (mv / mb - 1) * 100, b.length);
  }
}
