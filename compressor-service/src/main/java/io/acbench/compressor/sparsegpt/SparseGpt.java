package io.acbench.compressor.sparsegpt;

import io.acbench.compressor.linalg.HessianInverse;
import io.acbench.compressor.linalg.Kernels;
import io.acbench.compressor.pruning.Masks;
import io.acbench.compressor.pruning.PruneParams;
import io.acbench.compressor.pruning.PruneResult;

/**
 * SparseGPT {@code fasterprune} (spec §4.2) in double precision: GPTQ's Hessian preparation and
 * inverse factor {@code U}, then per block of B columns a mask chosen by the saliency {@code τ =
 * w²/U_cc²} and OBS updates {@code w_j ← w_j − (w_c − q_c)/U_cc · U_cj} of every later column.
 *
 * <p>Unstructured: once per block, the {@code floor(R·B·p)} smallest τ of the whole block
 * (threshold shared by all rows). N:M: at every window start, the N smallest τ per row of the
 * current (already updated) window.
 */
public final class SparseGpt {

  private SparseGpt() {}

  /**
   * Prunes {@code W} ({@code (R, C)}) with Hessian {@code H} ({@code (C, C)}); neither is modified.
   */
  public static SparseGptResult prune(float[] W0, int R, int C, double[] H0, SparseGptParams p) {
    return prune(W0, R, C, H0, p, Kernels.VECTOR);
  }

  /**
   * {@link #prune(float[], int, int, double[], SparseGptParams)} with the chosen linear algebra:
   * the inverse factor and the lazy update {@code W[:, i2:] −= Err1·U[i1:i2, i2:]} (a matrix
   * product).
   */
  public static SparseGptResult prune(
      float[] W0, int R, int C, double[] H0, SparseGptParams p, Kernels kernels) {
    if (R == 0 || C == 0) {
      return new SparseGptResult(
          new PruneResult(new float[R * C], new boolean[R * C]), 0.0, 0.0, 0, false, 0);
    }
    double[] W = new double[R * C]; // (R, C)
    for (int i = 0; i < R * C; i++) {
      W[i] = W0[i];
    }
    double[] H = H0.clone(); // (C, C)
    int dead = 0;
    for (int j = 0; j < C; j++) {
      if (H[j * C + j] == 0.0) {
        H[j * C + j] = 1.0;
        for (int r = 0; r < R; r++) {
          W[r * C + j] = 0.0;
        }
        dead++;
      }
    }
    HessianInverse.Factor factor =
        HessianInverse.upperFactor(H, C, p.percdamp(), p.maxDampRetries(), kernels);
    double[] U = factor.U(); // (C, C)
    PruneParams pattern = p.pattern();

    float[] Q = new float[R * C]; // (R, C)
    boolean[] mask = new boolean[R * C]; // (R, C)
    int B = p.blockSize();
    double[] W1 = new double[R * B]; // (R, B)
    double[] Err1 = new double[R * B]; // (R, B)
    double[] tau = new double[R * B]; // (R, B)
    boolean[] mask1 = new boolean[R * B]; // (R, B)
    double loss = 0.0;
    for (int i1 = 0; i1 < C; i1 += B) {
      int i2 = Math.min(i1 + B, C);
      int bw = i2 - i1;
      for (int r = 0; r < R; r++) {
        System.arraycopy(W, r * C + i1, W1, r * bw, bw);
      }
      java.util.Arrays.fill(mask1, false);
      if (!pattern.isNOfM()) {
        saliency(W1, R, bw, 0, bw, U, C, i1, tau);
        int count = (int) Math.floor((double) R * bw * pattern.ratio());
        Masks.markSmallest(tau, 0, R * bw, count, mask1, 0);
      }
      for (int i = 0; i < bw; i++) {
        int c = i1 + i;
        if (pattern.isNOfM() && i % pattern.prunem() == 0) {
          int width = Math.min(pattern.prunem(), bw - i);
          saliency(W1, R, bw, i, width, U, C, i1, tau);
          for (int r = 0; r < R; r++) {
            Masks.markSmallest(tau, r * width, width, pattern.prunen(), mask1, r * bw + i);
          }
        }
        double d = U[c * C + c];
        for (int r = 0; r < R; r++) {
          int row1 = r * bw;
          double w = W1[row1 + i];
          boolean prune = mask1[row1 + i];
          double q = prune ? 0.0 : w;
          Q[r * C + c] = (float) q;
          mask[r * C + c] = prune;
          double diff = w - q;
          loss += diff * diff / (d * d) / 2;
          double e = diff / d;
          if (e != 0.0) {
            int uRow = c * C + i1;
            for (int j = i; j < bw; j++) {
              W1[row1 + j] -= e * U[uRow + j];
            }
          }
          Err1[row1 + i] = e;
        }
      }
      // W[:, i2:] −= Err1·U[i1:i2, i2:]
      kernels.multiplyAdd(-1.0, Err1, 0, bw, U, i1 * C + i2, C, W, i2, C, R, C - i2, bw);
    }
    return new SparseGptResult(
        new PruneResult(Q, mask),
        loss,
        factor.damp(),
        factor.retries(),
        factor.identityFallback(),
        dead);
  }

  /**
   * {@code tau[r, k] = W1[r, i+k]² / U[i1+i+k, i1+i+k]²} for {@code k < width}, written as a {@code
   * (R, width)} block at the start of {@code tau}.
   */
  private static void saliency(
      double[] W1, int R, int bw, int i, int width, double[] U, int C, int i1, double[] tau) {
    for (int r = 0; r < R; r++) {
      for (int k = 0; k < width; k++) {
        int c = i1 + i + k;
        double w = W1[r * bw + i + k];
        double d = U[c * C + c];
        tau[r * width + k] = w * w / (d * d);
      }
    }
  }
}
