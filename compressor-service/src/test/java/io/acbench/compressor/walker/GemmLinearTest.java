package io.acbench.compressor.walker;

import static org.assertj.core.api.Assertions.assertThat;

import io.acbench.compressor.testing.TestData;
import io.acbench.runtime.weights.ArrayWeight;
import org.junit.jupiter.api.Test;

/** {@link GemmLinear} computes what llm-runtime's {@link ArrayWeight} computes. */
class GemmLinearTest {

  /** Float sums in another order, relative to the largest |out| entry. */
  static final double TOLERANCE = 1e-5;

  @Test
  void matmulMatchesArrayWeightAndDequantizeGivesTheWeightBack() {
    int out = 72;
    int in = 300;
    int batch = 37;
    float[] W = TestData.gaussian(60, out * in);
    float[] x = TestData.gaussian(61, batch * in);
    GemmLinear fast = new GemmLinear(out, in, W);
    float[] expected = new float[batch * out];
    new ArrayWeight("w", out, in, W.clone()).matmul(x, batch, expected);
    float[] actual = new float[batch * out];
    fast.matmul(x, batch, actual);
    double max = 0;
    for (float e : expected) {
      max = Math.max(max, Math.abs(e));
    }
    for (int i = 0; i < expected.length; i++) {
      assertThat(Math.abs((double) actual[i] - expected[i])).isLessThanOrEqualTo(TOLERANCE * max);
    }
    assertThat(fast.dequantize()).containsExactly(W);
    assertThat(fast.inFeatures()).isEqualTo(in);
    assertThat(fast.outFeatures()).isEqualTo(out);
  }
}
