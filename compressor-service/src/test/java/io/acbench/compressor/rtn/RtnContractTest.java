package io.acbench.compressor.rtn;

import io.acbench.compressor.testing.QuantizerContractTest;

class RtnContractTest extends QuantizerContractTest {

  @Override
  protected Quantized quantize(
      float[] W, int R, int C, float[] X, int T, int bits, boolean sym, int groupSize) {
    QuantizedWeight q = Rtn.quantize(W, R, C, new RtnParams(bits, sym, groupSize, true));
    return new Quantized(q, q.weight());
  }
}
