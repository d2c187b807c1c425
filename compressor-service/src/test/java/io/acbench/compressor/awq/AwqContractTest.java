package io.acbench.compressor.awq;

import static org.assertj.core.api.Assertions.assertThat;

import io.acbench.compressor.testing.QuantizerContractTest;

class AwqContractTest extends QuantizerContractTest {

  @Override
  protected Quantized quantize(
      float[] W, int R, int C, float[] X, int T, int bits, boolean sym, int groupSize) {
    AwqParams p = new AwqParams(bits, groupSize, !sym, 20, false, 20, 0.5, 512);
    Awq.Result res = Awq.quantizeLinear(W, R, C, X, T, p, true);
    return new Quantized(res.quantized(), res.effectiveWeight());
  }

  @Override
  protected void assertDeadChannelHandled(Quantized out, float[] W, int R, int C, int dead) {
    AwqParams p = AwqParams.defaults().withGroupSize(8);
    float[] X = new float[16 * C]; // every channel dead: x_mean ≡ 0
    Awq.Result res = Awq.quantizeLinear(W, R, C, X, 16, p, true);
    for (float s : res.scales()) {
      assertThat(s).isFinite().isPositive();
    }
  }
}
