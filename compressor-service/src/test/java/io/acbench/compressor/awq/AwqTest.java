package io.acbench.compressor.awq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.acbench.compressor.rtn.QuantizedWeight;
import io.acbench.compressor.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AWQ statistics, search, folding, clipping and final RTN (spec §3.2–§3.6, §6 check 2). */
class AwqTest {

  private static final int R = 32;
  private static final int C = 64;
  private static final int T = 256;

  @Test
  void meanAbsIsTheMeanAbsoluteValuePerChannel() {
    float[] X = {1f, -2f, -3f, 0f, 0.5f, 4f}; // (3, 2)
    assertThat(ActivationStats.meanAbs(X, 3, 2)).containsExactly(1.5f, 2f);
  }

  @Test
  void weightMeanNormalizesEachGroupByItsMaximum() {
    // One row, gs = 2: chunks [2, −4] and [1, 1] → |w|/max = [0.5, 1] and [1, 1] (up to 1e-6).
    float[] wMean =
        ActivationStats.weightMean(List.of(new float[] {2f, -4f, 1f, 1f}), new int[] {1}, 4, 2);
    assertThat(wMean).containsExactly(new float[] {0.5f, 1f, 1f, 1f}, within(1e-5f));
  }

  @Test
  void finalQuantizerMatchesHandComputedGroups() {
    AwqParams p = AwqParams.defaults().withGroupSize(-1);
    // Zero-point: range [−1, 2.75] → scale 0.25, zero −round(−4) = 4; 0.625/0.25 = 2.5 → 2.
    QuantizedWeight zp = AwqQuantizer.quantize(new float[] {-1f, 0.625f, 2.75f}, 1, 3, p);
    assertThat(zp.codes()).containsExactly(0, 6, 15);
    assertThat(zp.zeros()).containsExactly(4f);
    assertThat(zp.weight()).containsExactly(-1f, 0.5f, 2.75f);

    // 0 is not forced into the range: [1, 4.75] → scale 0.25, zero −round(4) = −4 clamped to 0, so
    // 4.75 → 19 clamps to 15.
    QuantizedWeight positive = AwqQuantizer.quantize(new float[] {1f, 2f, 4.75f}, 1, 3, p);
    assertThat(positive.zeros()).containsExactly(0f);
    assertThat(positive.codes()).containsExactly(4, 8, 15);
    assertThat(positive.weight()).containsExactly(1f, 2f, 3.75f);

    // Symmetric: scale = 1.75/7 = 0.25, codes in [−8, 7] kept signed (D11).
    QuantizedWeight sym =
        AwqQuantizer.quantize(new float[] {-1.75f, 0.625f, 1f}, 1, 3, p.withZeroPoint(false));
    assertThat(sym.codes()).containsExactly(-7, 2, 4);
    assertThat(sym.zeros()).containsExactly(0f);
    assertThat(sym.weight()).containsExactly(-1.75f, 0.5f, 1f);
  }

  @Test
  void scalesAreNormalizedBySqrtOfMaxTimesMin() {
    float[] xMean = {0.5f, 2f, 8f, 0f};
    for (int i = 0; i < 20; i++) {
      double alpha = i / 20.0;
      float[] s = AwqScaleSearch.scalesFor(alpha, xMean, null);
      float max = Float.NEGATIVE_INFINITY;
      float min = Float.POSITIVE_INFINITY;
      for (int c = 0; c < 4; c++) {
        double raw = Math.max(Math.pow(xMean[c], alpha), 1e-4);
        assertThat(s[c]).isFinite();
        // s[c]/s[0] keeps the ratio of the raw scales
        assertThat((double) s[c] / s[0])
            .isCloseTo(raw / Math.max(Math.pow(xMean[0], alpha), 1e-4), within(1e-4 * raw));
        max = Math.max(max, s[c]);
        min = Math.min(min, s[c]);
      }
      assertThat((double) max * min).isCloseTo(1.0, within(1e-5));
    }
    assertThat(AwqScaleSearch.scalesFor(0.0, xMean, null)).containsOnly(1f);
  }

  @Test
  void searchLossAtAlphaZeroEqualsPlainRtnLoss() {
    float[] W = TestData.gaussian(41, R * C);
    float[] X = TestData.correlatedInputs(42, T, C);
    AwqParams p = AwqParams.defaults().withGroupSize(16);
    AwqScaleSearch.Result res =
        AwqScaleSearch.search(
            List.of(W),
            new int[] {R},
            C,
            ActivationStats.meanAbs(X, T, C),
            new LinearBlock(X, T, C, R),
            p);

    float[] rtn = AwqQuantizer.quantize(W, R, C, p).weight();
    double mse = TestData.outputError(X, T, C, W, rtn, R) / (T * R);
    assertThat(res.losses()[0]).isCloseTo(mse, within(1e-4 * mse));
    assertThat(res.losses()).hasSize(20);
    assertThat(res.loss()).isLessThanOrEqualTo(res.losses()[0]);
    assertThat(res.alpha()).isGreaterThan(0.0); // outlier channels make some α > 0 pay off
  }

  @Test
  void awqErrorIsBelowRtnOnCorrelatedInputs() {
    float[] W = TestData.gaussian(43, R * C);
    float[] X = TestData.correlatedInputs(44, T, C);
    for (AwqParams p :
        List.of(
            AwqParams.defaults().withGroupSize(16),
            AwqParams.defaults().withGroupSize(32).withDuoScaling(true),
            AwqParams.defaults().withGroupSize(16).withZeroPoint(false))) {
      Awq.Result awq = Awq.quantizeLinear(W, R, C, X, T, p, true);
      float[] rtn = AwqQuantizer.quantize(W, R, C, p).weight();
      double awqErr = TestData.outputError(X, T, C, W, awq.effectiveWeight(), R);
      double rtnErr = TestData.outputError(X, T, C, W, rtn, R);
      assertThat(awqErr).as("%s", p).isLessThan(rtnErr);
    }
  }

  @Test
  void clipSearchNeverIncreasesTheGroupOutputError() {
    int r = 8;
    int gs = 16;
    float[] W = TestData.gaussian(45, r * C);
    W[3] = 6f; // an outlier weight that clipping may cut
    float[] X = TestData.correlatedInputs(46, T, C);
    AwqParams p = AwqParams.defaults().withGroupSize(gs);
    float[] maxVal = AwqClipSearch.searchMaxVal(W, r, C, X, T, p);
    float[] clipped = AwqClipSearch.applyClip(W, r, C, maxVal, gs);

    float[] qClipped = AwqQuantizer.quantize(clipped, r, C, p).weight();
    float[] qPlain = AwqQuantizer.quantize(W, r, C, p).weight();
    for (int row = 0; row < r; row++) {
      for (int g = 0; g < C / gs; g++) {
        double errClipped = groupError(X, W, qClipped, row, g, gs);
        double errPlain = groupError(X, W, qPlain, row, g, gs);
        assertThat(errClipped).isLessThanOrEqualTo(errPlain * (1 + 1e-9));
        float m0 = 0f;
        for (int k = 0; k < gs; k++) {
          m0 = Math.max(m0, Math.abs(W[row * C + g * gs + k]));
        }
        assertThat(maxVal[row * (C / gs) + g]).isBetween(0.55f * m0 * 0.999f, m0);
      }
    }
  }

  @Test
  void clipSearchSplitOverThreadsEqualsOneThread() {
    int r = 70; // several row chunks, the last one short
    float[] W = TestData.gaussian(47, r * C);
    float[] X = TestData.correlatedInputs(48, T, C);
    AwqParams p = AwqParams.defaults().withGroupSize(16);
    float[] serial;
    float[] parallel;
    try {
      io.acbench.runtime.kernels.ParallelFor.configureShared(1);
      serial = AwqClipSearch.searchMaxVal(W, r, C, X, T, p);
      io.acbench.runtime.kernels.ParallelFor.configureShared(3);
      parallel = AwqClipSearch.searchMaxVal(W, r, C, X, T, p);
    } finally {
      io.acbench.runtime.kernels.ParallelFor.configureShared(
          Runtime.getRuntime().availableProcessors());
    }
    assertThat(parallel).containsExactly(serial);
  }

  /** {@code Σ_t (Σ_k X[t,g,k]·(Wq − W)[row,g,k])²} over all tokens. */
  private static double groupError(float[] X, float[] W, float[] Wq, int row, int g, int gs) {
    double sum = 0;
    for (int t = 0; t < T; t++) {
      double d = 0;
      for (int k = g * gs; k < (g + 1) * gs; k++) {
        d += (double) X[t * C + k] * ((double) Wq[row * C + k] - W[row * C + k]);
      }
      sum += d * d;
    }
    return sum;
  }

  @Test
  void foldingIntoRmsNormKeepsTheFunction() {
    int r = 4;
    int c = 6;
    float[] W = TestData.gaussian(47, r * c);
    float[] gamma = {1f, 0.5f, 2f, 1.5f, 0.8f, 1.2f};
    float[] xhat = {0.3f, -1f, 0.7f, 2f, -0.4f, 0.1f}; // a normalized token
    float[] s = {2f, 0.5f, 1.25f, 4f, 0.8f, 1f};

    float[] gammaFolded = ScaleFolding.divideNormWeight(gamma, s);
    float[] Wfolded = ScaleFolding.scaleInputColumns(W, r, c, s);
    for (int row = 0; row < r; row++) {
      double y = 0;
      double yFolded = 0;
      for (int k = 0; k < c; k++) {
        y += (double) W[row * c + k] * gamma[k] * xhat[k];
        yFolded += (double) Wfolded[row * c + k] * gammaFolded[k] * xhat[k];
      }
      assertThat(yFolded).isCloseTo(y, within(1e-5));
    }
    assertThatThrownBy(() -> ScaleFolding.divideNormWeight(gamma, new float[] {0, 1, 1, 1, 1, 1}))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void foldingIntoThePreviousLinearKeepsTheFunction() {
    // v (4 × 3, bias) then o (2 × 4): o·(v·x + b) is unchanged by v/s (rows, bias) and o·s (cols).
    float[] v = TestData.gaussian(48, 4 * 3);
    float[] b = {0.1f, -0.2f, 0.3f, 0.4f};
    float[] o = TestData.gaussian(49, 2 * 4);
    float[] x = {1f, -0.5f, 2f};
    float[] s = {2f, 0.25f, 1.5f, 3f};
    float[] v2 = ScaleFolding.divideOutputRows(v, 4, 3, s);
    float[] b2 = ScaleFolding.divideBias(b, s);
    float[] o2 = ScaleFolding.scaleInputColumns(o, 2, 4, s);
    assertThat(ScaleFolding.divideBias(null, s)).isNull();
    for (int row = 0; row < 2; row++) {
      double y = 0;
      double y2 = 0;
      for (int k = 0; k < 4; k++) {
        double h = b[k];
        double h2 = b2[k];
        for (int j = 0; j < 3; j++) {
          h += (double) v[k * 3 + j] * x[j];
          h2 += (double) v2[k * 3 + j] * x[j];
        }
        y += o[row * 4 + k] * h;
        y2 += o2[row * 4 + k] * h2;
      }
      assertThat(y2).isCloseTo(y, within(1e-5));
    }
  }

  @Test
  void fusedPreviousLinearOnlyDividesItsLastRows() {
    float[] qkv = {1f, 1f, 2f, 2f, 3f, 3f}; // (3, 2): the last row is v
    assertThat(ScaleFolding.divideOutputRows(qkv, 3, 2, new float[] {2f}))
        .containsExactly(1f, 1f, 2f, 2f, 1.5f, 1.5f);
  }

  @Test
  void vToOFoldingIsSkippedUnderGroupedQueryAttention() {
    // Llama-2-7B (MHA): v 4096×4096, o 4096×4096; Qwen2.5-7B (GQA): v 512×3584, o 3584×3584.
    assertThat(ScaleFolding.vToOApplies(4096, 4096, 4096, 4096)).isTrue();
    assertThat(ScaleFolding.vToOApplies(512, 3584, 3584, 3584)).isFalse();
  }

  @Test
  void inputsToTheSearchAndTheHelpersAreLeftUnmodified() {
    float[] W = TestData.gaussian(50, R * C);
    float[] X = TestData.correlatedInputs(51, T, C);
    float[] Wc = W.clone();
    float[] Xc = X.clone();
    AwqParams p = AwqParams.defaults().withGroupSize(16);
    AwqClipSearch.searchMaxVal(W, R, C, X, T, p);
    ScaleFolding.divideInputs(X, T, C, ActivationStats.meanAbs(X, T, C));
    AwqQuantizer.quantize(W, R, C, p);
    assertThat(W).containsExactly(Wc);
    assertThat(X).containsExactly(Xc);
  }
}
