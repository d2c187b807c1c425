package io.acbench.compressor.gptq;

import static org.assertj.core.api.Assertions.assertThat;

import io.acbench.compressor.testing.QuantizerContractTest;

class GptqContractTest extends QuantizerContractTest {

  @Override
  protected Quantized quantize(
      float[] W, int R, int C, float[] X, int T, int bits, boolean sym, int groupSize) {
    HessianAccumulator acc = new HessianAccumulator(C);
    acc.addBatch(X, T, 1);
    GptqParams p = new GptqParams(bits, sym, groupSize, 0.01, 128, true, groupSize != -1, true, 3);
    GptqResult res = Gptq.quantize(W, R, C, acc.hessian(), p);
    return new Quantized(res.quantized(), res.quantized().weight());
  }

  @Override
  protected void assertDeadChannelHandled(Quantized out, float[] W, int R, int C, int dead) {
    for (int r = 0; r < R; r++) {
      assertThat(out.q().weight()[r * C + dead]).isZero();
    }
  }
}
