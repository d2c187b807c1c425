package io.acbench.compressor.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.acbench.compressor.rtn.QuantizedWeight;
import org.junit.jupiter.api.Test;

/**
 * The contract every weight quantizer meets: a hand-computed tiny case, empty input, a dead
 * calibration channel, a group size that does not divide the width, inputs left unmodified.
 */
public abstract class QuantizerContractTest {

  /**
   * What a quantizer produced: the quantized weight and the weight the layer effectively computes
   * with (equal to {@code q.weight()} except for AWQ, where it is {@code Ŵ·diag(s)⁻¹}).
   */
  public record Quantized(QuantizedWeight q, float[] effective) {}

  /**
   * Runs the method on {@code W (R, C)} with calibration {@code X (T, C)} (one sequence), at {@code
   * bits}, symmetric or not, {@code groupSize} ({@code -1}: per channel).
   */
  protected abstract Quantized quantize(
      float[] W, int R, int C, float[] X, int T, int bits, boolean sym, int groupSize);

  /** Extra checks for a method when calibration channel {@code dead} is all zero. */
  protected void assertDeadChannelHandled(Quantized out, float[] W, int R, int C, int dead) {}

  @Test
  void handComputedTinyCaseOnAnExactGrid() {
    // 4-bit asymmetric per row. Row 0: range [0, 3.75] → scale 0.25, zero 0; row 1: range
    // [−2, 1.75] → scale 0.25, zero round(2/0.25) = 8. Every value lies on its grid, and unit
    // tokens give a diagonal Hessian and equal activation means, so no method moves anything.
    float[] W = {0f, 0.25f, 0.5f, 3.75f, -2f, -1f, 0f, 1.75f};
    Quantized out = quantize(W, 2, 4, TestData.unitTokens(4), 4, 4, false, -1);

    assertThat(out.q().codes()).containsExactly(0, 1, 2, 15, 0, 4, 8, 15);
    assertThat(out.q().scales()).containsExactly(0.25f, 0.25f);
    assertThat(out.q().zeros()).containsExactly(0f, 8f);
    assertThat(out.q().gIdx()).containsExactly(0, 0, 0, 0);
    assertThat(out.q().weight()).containsExactly(W);
    assertThat(out.effective()).containsExactly(W);
  }

  @Test
  void emptyInputGivesEmptyOutput() {
    Quantized noRows = quantize(new float[0], 0, 8, TestData.gaussian(1, 16 * 8), 16, 4, true, 4);
    assertThat(noRows.q().codes()).isEmpty();
    assertThat(noRows.q().weight()).isEmpty();
    assertThat(noRows.effective()).isEmpty();

    Quantized noCols = quantize(new float[0], 3, 0, new float[0], 16, 4, true, 4);
    assertThat(noCols.q().codes()).isEmpty();
    assertThat(noCols.q().gIdx()).isEmpty();
  }

  @Test
  void deadCalibrationChannelGivesAFiniteConsistentResult() {
    int R = 8;
    int C = 16;
    int T = 64;
    int dead = 5;
    float[] W = TestData.gaussian(2, R * C);
    float[] X = TestData.correlatedInputs(3, T, C);
    for (int t = 0; t < T; t++) {
      X[t * C + dead] = 0f;
    }
    Quantized out = quantize(W, R, C, X, T, 4, true, 8);

    assertConsistent(out.q(), R, C);
    for (float v : out.effective()) {
      assertThat(v).isFinite();
    }
    assertDeadChannelHandled(out, W, R, C, dead);
  }

  @Test
  void groupSizeThatDoesNotDivideTheWidthLeavesANarrowerLastGroup() {
    int R = 4;
    int C = 10;
    int T = 32;
    Quantized out =
        quantize(
            TestData.gaussian(4, R * C), R, C, TestData.correlatedInputs(5, T, C), T, 3, false, 4);

    assertThat(out.q().groups()).isEqualTo(3);
    assertThat(out.q().scales()).hasSize(R * 3);
    assertThat(out.q().gIdx()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1, 2, 2);
    assertConsistent(out.q(), R, C);
  }

  @Test
  void inputsAreLeftUnmodified() {
    int R = 8;
    int C = 16;
    int T = 64;
    float[] W = TestData.gaussian(6, R * C);
    float[] X = TestData.correlatedInputs(7, T, C);
    float[] Wcopy = W.clone();
    float[] Xcopy = X.clone();

    quantize(W, R, C, X, T, 4, true, 8);
    quantize(W, R, C, X, T, 4, false, -1);

    assertThat(W).containsExactly(Wcopy);
    assertThat(X).containsExactly(Xcopy);
  }

  /** Codes in range and {@code Ŵ} recomputable from codes, scales, zeros and g_idx. */
  protected static void assertConsistent(QuantizedWeight q, int R, int C) {
    assertThat(q.codes()).hasSize(R * C);
    assertThat(q.gIdx()).hasSize(C);
    for (int r = 0; r < R; r++) {
      for (int c = 0; c < C; c++) {
        assertThat(q.codes()[r * C + c]).isBetween(-128, 255);
        assertThat(q.weight()[r * C + c]).isFinite().isEqualTo((float) q.dequantize(r, c));
      }
    }
  }
}
