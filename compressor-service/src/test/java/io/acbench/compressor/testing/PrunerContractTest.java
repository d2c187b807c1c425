package io.acbench.compressor.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.acbench.compressor.pruning.PruneParams;
import io.acbench.compressor.pruning.PruneResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every pruner meets: a hand-computed tiny case, empty input, a dead calibration
 * channel, N:M with M not dividing the width, the ratio met exactly, inputs left unmodified.
 */
public abstract class PrunerContractTest {

  /** Prunes {@code W (R, C)} with calibration {@code X (T, C)} (one sequence). */
  protected abstract PruneResult prune(
      float[] W, int R, int C, float[] X, int T, PruneParams params);

  /** How many weights an unstructured run on an {@code (R, C)} matrix removes at ratio p. */
  protected abstract long expectedPrunedCount(int R, int C, double p);

  @Test
  void handComputedTinyCase() {
    // Unit tokens make every channel's norm and Hessian entry equal, so all three methods reduce to
    // |W|: the four smallest of the matrix (0.25, 0.5, 1, 2) are also the two smallest of each row
    // and of each window of 4.
    float[] W = {4f, -1f, 3f, 0.5f, -2f, 6f, 0.25f, 5f};
    float[] X = TestData.unitTokens(4);
    boolean[] expectedMask = {false, true, false, true, true, false, true, false};
    float[] expectedW = {4f, 0f, 3f, 0f, 0f, 6f, 0f, 5f};

    for (PruneParams p :
        new PruneParams[] {PruneParams.unstructured(0.5), PruneParams.nOfM(2, 4)}) {
      PruneResult out = prune(W, 2, 4, X, 4, p);
      assertThat(out.pruned()).containsExactly(expectedMask);
      assertThat(out.weight()).containsExactly(expectedW);
    }
  }

  @Test
  void emptyInputGivesEmptyOutput() {
    PruneResult out =
        prune(new float[0], 0, 8, TestData.gaussian(1, 16 * 8), 16, PruneParams.nOfM(2, 4));
    assertThat(out.weight()).isEmpty();
    assertThat(out.pruned()).isEmpty();
  }

  @Test
  void deadCalibrationChannelKeepsTheRatioAndFiniteWeights() {
    int R = 16;
    int C = 32;
    int T = 128;
    float[] X = TestData.correlatedInputs(11, T, C);
    for (int t = 0; t < T; t++) {
      X[t * C + 3] = 0f;
    }
    PruneResult out =
        prune(TestData.gaussian(12, R * C), R, C, X, T, PruneParams.unstructured(0.5));
    assertThat(out.prunedCount()).isEqualTo(expectedPrunedCount(R, C, 0.5));
    for (float v : out.weight()) {
      assertThat(v).isFinite();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 4})
  void nOfMHoldsInEveryWindowEvenWhenMDoesNotDivideTheWidth(int n) {
    int m = 2 * n;
    int R = 8;
    int C = 4 * m + 2; // a last window of width 2
    int T = 64;
    PruneResult out =
        prune(
            TestData.gaussian(13, R * C),
            R,
            C,
            TestData.correlatedInputs(14, T, C),
            T,
            PruneParams.nOfM(n, m));
    for (int r = 0; r < R; r++) {
      for (int c0 = 0; c0 < C; c0 += m) {
        int width = Math.min(m, C - c0);
        int pruned = 0;
        int nonZero = 0;
        for (int c = c0; c < c0 + width; c++) {
          pruned += out.pruned()[r * C + c] ? 1 : 0;
          nonZero += out.weight()[r * C + c] != 0f ? 1 : 0;
        }
        assertThat(pruned).isEqualTo(Math.min(n, width));
        assertThat(nonZero).isLessThanOrEqualTo(m - n);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.3, 0.5, 0.7})
  void unstructuredMeetsTheRatioExactly(double p) {
    int R = 32;
    int C = 64;
    int T = 256;
    PruneResult out =
        prune(
            TestData.gaussian(15, R * C),
            R,
            C,
            TestData.correlatedInputs(16, T, C),
            T,
            PruneParams.unstructured(p));
    assertThat(out.prunedCount()).isEqualTo(expectedPrunedCount(R, C, p));
    for (int i = 0; i < R * C; i++) {
      if (out.pruned()[i]) {
        assertThat(out.weight()[i]).isZero();
      }
    }
  }

  @Test
  void inputsAreLeftUnmodified() {
    int R = 8;
    int C = 16;
    int T = 64;
    float[] W = TestData.gaussian(17, R * C);
    float[] X = TestData.correlatedInputs(18, T, C);
    float[] Wcopy = W.clone();
    float[] Xcopy = X.clone();

    prune(W, R, C, X, T, PruneParams.unstructured(0.5));
    prune(W, R, C, X, T, PruneParams.nOfM(2, 4));

    assertThat(W).containsExactly(Wcopy);
    assertThat(X).containsExactly(Xcopy);
  }
}
