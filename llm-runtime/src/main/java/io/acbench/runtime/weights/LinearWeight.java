package io.acbench.runtime.weights;

/**
 * The weight of one linear layer, {@code y = x · Wᵀ}, with {@code W} of shape (outFeatures,
 * inFeatures) in any storage (F32, BF16, F16, packed int4 GPTQ/AWQ). The bias, if any, is kept by
 * the caller.
 */
public interface LinearWeight {

  /** Width of an input row. */
  int inFeatures();

  /** Width of an output row. */
  int outFeatures();

  /**
   * Computes {@code out[b, o] = Σ_i x[b, i] · W[o, i]} for {@code b < batch}. {@code x} is (batch,
   * inFeatures) row-major, {@code out} is (batch, outFeatures) row-major and is overwritten; {@code
   * x} is not modified.
   */
  void matmul(float[] x, int batch, float[] out);

  /** The weight as dense float32, shape (outFeatures, inFeatures), a fresh array. */
  float[] dequantize();

  /** Bytes this weight occupies in its storage format (for bandwidth accounting). */
  long storageBytes();
}
