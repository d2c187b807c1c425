package io.acbench.runtime.weights;

import io.acbench.runtime.kernels.VectorKernels;
import java.lang.foreign.MemorySegment;

/** A dense float32 (F32) weight, row-major (out, in), read in place from a segment. */
public final class F32Weight extends DenseSegmentWeight {

  /**
   * @param name tensor name, for error messages
   * @param data (outFeatures, inFeatures) F32 elements, little-endian, exactly that many bytes
   */
  public F32Weight(String name, int outFeatures, int inFeatures, MemorySegment data) {
    super(name, outFeatures, inFeatures, data, 4);
  }

  @Override
  float dotRow(MemorySegment data, long off, float[] x, int xOff, int n) {
    return VectorKernels.dotF32(data, off, x, xOff, n);
  }

  @Override
  void decodeRow(MemorySegment data, long off, float[] dst, int n) {
    VectorKernels.decodeF32(data, off, dst, 0, n);
  }
}
