package io.acbench.compressor.gptq;

import io.acbench.compressor.linalg.HessianInverse;
import io.acbench.compressor.linalg.Kernels;
import io.acbench.compressor.rtn.MinMaxQuantizer;
import io.acbench.compressor.rtn.QuantGrid;
import io.acbench.compressor.rtn.QuantizedWeight;
import io.acbench.compressor.rtn.RtnParams;
import java.util.Arrays;
import java.util.Comparator;

/**
 * GPTQ {@code fasterquant} (spec §2.3) on one weight and its Hessian, in double precision.
 *
 * <p>After quantizing column c with {@code δ = (w_c − q_c)/U_cc}, every later column is updated by
 * {@code w_j ← w_j − δ·U_cj}, where {@code U = cholesky_upper((H + damp·I)⁻¹)}: the greedy OBS
 * update minimising {@code ½·(ŵ − w)·H·(ŵ − w)ᵀ} per row. Updates inside a block of B columns are
 * applied at once; those to later blocks are batched ("lazy").
 */
public final class Gptq {

  private Gptq() {}

  /**
   * Quantizes {@code W} ({@code (R, C)} row-major) with Hessian {@code H} ({@code (C, C)}
   * row-major). Neither argument is modified.
   */
  public static GptqResult quantize(float[] W, int R, int C, double[] H, GptqParams params) {
    return quantize(W, R, C, H, params, Kernels.VECTOR);
  }

  /**
   * {@link #quantize(float[], int, int, double[], GptqParams)} with the chosen linear algebra: the
   * inverse factor and the lazy update {@code W[:, i2:] −= Err1·U[i1:i2, i2:]} (a matrix product).
   */
  public static GptqResult quantize(
      float[] W, int R, int C, double[] H, GptqParams params, Kernels kernels) {
    if (R == 0 || C == 0) {
      return new GptqResult(QuantizedWeight.empty(R, C), 0.0, 0.0, 0, false, 0);
    }
    return new Run(W, R, C, H, params, kernels).run();
  }

  /** Working state of one call; buffers are allocated once here. */
  private static final class Run {
    private final int R;
    private final int C;
    private final GptqParams p;
    private final Kernels kernels;
    private final MinMaxQuantizer quantizer;
    private final boolean grouped;
    private final int gs;
    private final int G;
    private final double[] W; // (R, C) working weight, permuted columns after step 5
    private final double[] H; // (C, C) copy, permuted after step 5
    private int[] perm; // (C) position → original column
    private int dead;

    Run(float[] W0, int R, int C, double[] H0, GptqParams params, Kernels kernels) {
      this.kernels = kernels;
      this.R = R;
      this.C = C;
      this.p = params;
      RtnParams grid = params.grid();
      this.quantizer = new MinMaxQuantizer(grid);
      this.grouped = params.groupSize() != -1;
      this.gs = grid.effectiveGroupSize(C);
      this.G = Math.ceilDiv(C, gs);
      this.W = new double[R * C];
      for (int i = 0; i < R * C; i++) {
        W[i] = W0[i];
      }
      this.H = H0.clone();
    }

    GptqResult run() {
      // Step 2: per-channel grid on the full W, before the dead columns are zeroed (as gptq.py).
      QuantGrid[] rowGrids = grouped ? null : fitGroup(0, C);
      zeroDeadColumns();
      // Step 4: static groups, on the unpermuted weight after step 3.
      QuantGrid[][] staticGrids = null; // (G)(R)
      if (grouped && p.staticGroups()) {
        staticGrids = new QuantGrid[G][];
        for (int g = 0; g < G; g++) {
          staticGrids[g] = fitGroup(g * gs, Math.min((g + 1) * gs, C));
        }
      }
      permuteByActOrder();
      HessianInverse.Factor factor =
          HessianInverse.upperFactor(H, C, p.percdamp(), p.maxDampRetries(), kernels);
      double[] U = factor.U(); // (C, C)

      int[] codesP = new int[R * C]; // (R, C), permuted columns
      double[] Qp = new double[R * C]; // (R, C), permuted columns
      float[] scales = new float[R * G]; // (R, G)
      float[] zeros = new float[R * G]; // (R, G)
      int B = p.blockSize();
      double[] W1 = new double[R * B]; // (R, B): the block being quantized
      double[] Err1 = new double[R * B]; // (R, B): scaled errors of the block
      QuantGrid[] grids = rowGrids;
      double loss = 0.0;
      for (int i1 = 0; i1 < C; i1 += B) {
        int i2 = Math.min(i1 + B, C);
        int bw = i2 - i1;
        for (int r = 0; r < R; r++) {
          System.arraycopy(W, r * C + i1, W1, r * bw, bw);
        }
        for (int i = 0; i < bw; i++) {
          int c = i1 + i;
          // Step 8a: the grid for column c.
          if (grouped && staticGrids != null) {
            grids = staticGrids[perm[c] / gs];
          } else if (grouped && c % gs == 0) {
            grids =
                p.legacyQuirks()
                    ? fitGroup(c, Math.min(c + gs, C))
                    : fitCurrentGroup(c, i1, i2, i, W1, Err1, U);
            storeGrids(grids, c / gs, scales, zeros);
          }
          // Steps 8b–8d: quantize column c, feed its error forward inside the block.
          double d = U[c * C + c];
          for (int r = 0; r < R; r++) {
            int row1 = r * bw;
            double w = W1[row1 + i];
            int q = grids[r].code(w);
            double qd = grids[r].dequantize(q);
            codesP[r * C + c] = q;
            Qp[r * C + c] = qd;
            double diff = w - qd;
            loss += diff * diff / (d * d) / 2;
            double e = diff / d;
            int uRow = c * C + i1;
            for (int j = i; j < bw; j++) {
              W1[row1 + j] -= e * U[uRow + j];
            }
            Err1[row1 + i] = e;
          }
        }
        lazyUpdate(i1, i2, Err1, U);
      }
      if (!grouped) {
        storeGrids(rowGrids, 0, scales, zeros);
      } else if (staticGrids != null) {
        for (int g = 0; g < G; g++) {
          storeGrids(staticGrids[g], g, scales, zeros);
        }
      }
      return new GptqResult(
          unpermute(codesP, Qp, scales, zeros, staticGrids != null),
          loss,
          factor.damp(),
          factor.retries(),
          factor.identityFallback(),
          dead);
    }

    /** Step 3: {@code H[j,j] = 1} and {@code W[:, j] = 0} where {@code H[j,j] == 0}. */
    private void zeroDeadColumns() {
      for (int j = 0; j < C; j++) {
        if (H[j * C + j] == 0.0) {
          H[j * C + j] = 1.0;
          for (int r = 0; r < R; r++) {
            W[r * C + j] = 0.0;
          }
          dead++;
        }
      }
    }

    /** Step 5: columns in descending {@code diag(H)} order, ties by index (stable, D9). */
    private void permuteByActOrder() {
      perm = new int[C];
      for (int j = 0; j < C; j++) {
        perm[j] = j;
      }
      if (!p.actOrder()) {
        return;
      }
      double[] diag = new double[C]; // (C)
      for (int j = 0; j < C; j++) {
        diag[j] = H[j * C + j];
      }
      perm =
          Arrays.stream(Arrays.copyOf(perm, C))
              .boxed()
              .sorted(Comparator.comparingDouble((Integer j) -> diag[j]).reversed())
              .mapToInt(Integer::intValue)
              .toArray();
      double[] Wold = W.clone();
      for (int r = 0; r < R; r++) {
        for (int i = 0; i < C; i++) {
          W[r * C + i] = Wold[r * C + perm[i]];
        }
      }
      double[] Hold = H.clone();
      for (int i = 0; i < C; i++) {
        for (int j = 0; j < C; j++) {
          H[i * C + j] = Hold[perm[i] * C + perm[j]];
        }
      }
    }

    /** Grids of every row on {@code W[:, from:to)} (W holds no in-block updates, D2). */
    private QuantGrid[] fitGroup(int from, int to) {
      QuantGrid[] grids = new QuantGrid[R];
      for (int r = 0; r < R; r++) {
        grids[r] = quantizer.fit(W, r * C + from, r * C + to);
      }
      return grids;
    }

    /**
     * Corrected mode: grids on the group's current values, i.e. with the in-block updates of
     * columns {@code i1 .. c−1} applied to every column of the group (in the block: {@code W1};
     * beyond it: {@code W − Err1·U}).
     */
    private QuantGrid[] fitCurrentGroup(
        int c, int i1, int i2, int i, double[] W1, double[] Err1, double[] U) {
      int end = Math.min(c + gs, C);
      int bw = i2 - i1;
      double[] values = new double[end - c]; // (group width)
      QuantGrid[] grids = new QuantGrid[R];
      for (int r = 0; r < R; r++) {
        for (int j = c; j < end; j++) {
          double v;
          if (j < i2) {
            v = W1[r * bw + (j - i1)];
          } else {
            v = W[r * C + j];
            for (int k = 0; k < i; k++) {
              v -= Err1[r * bw + k] * U[(i1 + k) * C + j];
            }
          }
          values[j - c] = v;
        }
        grids[r] = quantizer.fit(values, 0, values.length);
      }
      return grids;
    }

    /** {@code W[:, i2:] −= Err1 · U[i1:i2, i2:]}, a {@code (R, bw)·(bw, C−i2)} product. */
    private void lazyUpdate(int i1, int i2, double[] Err1, double[] U) {
      int bw = i2 - i1;
      kernels.multiplyAdd(-1.0, Err1, 0, bw, U, i1 * C + i2, C, W, i2, C, R, C - i2, bw);
    }

    private void storeGrids(QuantGrid[] grids, int g, float[] scales, float[] zeros) {
      for (int r = 0; r < R; r++) {
        scales[r * G + g] = grids[r].scale();
        zeros[r * G + g] = grids[r].zero();
      }
    }

    /** Step 9 and 11: codes and {@code Ŵ} back to original column order; g_idx. */
    private QuantizedWeight unpermute(
        int[] codesP, double[] Qp, float[] scales, float[] zeros, boolean staticGroups) {
      int[] codes = new int[R * C]; // (R, C)
      float[] Wq = new float[R * C]; // (R, C)
      for (int r = 0; r < R; r++) {
        for (int i = 0; i < C; i++) {
          codes[r * C + perm[i]] = codesP[r * C + i];
          Wq[r * C + perm[i]] = (float) Qp[r * C + i];
        }
      }
      int[] gIdx = new int[C]; // (C)
      for (int i = 0; i < C; i++) {
        boolean dynamicActOrder = p.actOrder() && grouped && !staticGroups;
        gIdx[perm[i]] = (dynamicActOrder ? i : perm[i]) / gs;
      }
      return new QuantizedWeight(R, C, G, codes, scales, zeros, gIdx, Wq);
    }
  }
}
