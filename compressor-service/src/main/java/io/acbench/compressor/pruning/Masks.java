package io.acbench.compressor.pruning;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Mask selection shared by the pruners. Every selection sorts by (key, index) with a stable sort,
 * so ties go to the lower index (D9), and removes exactly the requested count. The references'
 * {@code metric ≤ sort(metric)[k]} (magnitude, SparseGPT unstructured) removes {@code k+1} and more
 * on ties; the project meets the ratio exactly instead.
 */
public final class Masks {

  private Masks() {}

  /**
   * Marks in {@code mask[maskFrom + i]} the {@code count} smallest of {@code keys[from + i]},
   * {@code i < len}. Only {@code mask} is modified.
   */
  public static void markSmallest(
      double[] keys, int from, int len, int count, boolean[] mask, int maskFrom) {
    Integer[] order = new Integer[len];
    for (int i = 0; i < len; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> keys[from + i]));
    for (int i = 0; i < Math.min(count, len); i++) {
      mask[maskFrom + order[i]] = true;
    }
  }

  /** Per row of {@code metric} ({@code (R, C)}): the {@code floor(C·ratio)} smallest. */
  public static boolean[] perRow(double[] metric, int R, int C, double ratio) {
    boolean[] mask = new boolean[R * C]; // (R, C)
    int count = (int) Math.floor(C * ratio);
    for (int r = 0; r < R; r++) {
      markSmallest(metric, r * C, C, count, mask, r * C);
    }
    return mask;
  }

  /** Over the whole of {@code metric}: the {@code floor(numel·ratio)} smallest. */
  public static boolean[] global(double[] metric, double ratio) {
    boolean[] mask = new boolean[metric.length];
    markSmallest(metric, 0, metric.length, (int) Math.floor(metric.length * ratio), mask, 0);
    return mask;
  }

  /**
   * N:M: per row, per aligned window {@code [k·M, k·M + M)}, the {@code N} smallest. A last window
   * narrower than M (M not dividing C) loses {@code min(N, width)}.
   */
  public static boolean[] nOfM(double[] metric, int R, int C, int n, int m) {
    boolean[] mask = new boolean[R * C]; // (R, C)
    for (int r = 0; r < R; r++) {
      for (int c = 0; c < C; c += m) {
        int width = Math.min(m, C - c);
        markSmallest(metric, r * C + c, width, n, mask, r * C + c);
      }
    }
    return mask;
  }

  /** {@code W} with zeros where {@code mask} is set, a fresh array; {@code W} is not modified. */
  public static float[] apply(float[] W, boolean[] mask) {
    float[] out = W.clone();
    for (int i = 0; i < out.length; i++) {
      if (mask[i]) {
        out[i] = 0f;
      }
    }
    return out;
  }
}
