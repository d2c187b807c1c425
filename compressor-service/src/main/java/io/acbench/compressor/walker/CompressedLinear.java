package io.acbench.compressor.walker;

import io.acbench.compressor.rtn.QuantizedWeight;
import io.acbench.runtime.model.Projection;

/**
 * One compressed linear as the walker hands it to the checkpoint writer.
 *
 * @param layer decoder layer index
 * @param projection which linear
 * @param rows out_features R
 * @param cols in_features C
 * @param algorithmWeight {@code (R, C)} the algorithm's {@code Ŵ} (fp32 scales for quantizers)
 * @param deployed {@code (R, C)} what the checkpoint holds: for quantizers {@code f16(scale)·(q −
 *     zero)}, for pruners {@code Ŵ} rounded to the checkpoint dtype; the walker's model runs with
 *     it
 * @param quantized codes, scales and zeros for quantizers, null for pruners
 */
public record CompressedLinear(
    int layer,
    Projection projection,
    int rows,
    int cols,
    float[] algorithmWeight,
    float[] deployed,
    QuantizedWeight quantized) {

  /** The tensor prefix, e.g. {@code model.layers.3.self_attn.q_proj}. */
  public String prefix() {
    return "model.layers." + layer + "." + projection.path();
  }
}
