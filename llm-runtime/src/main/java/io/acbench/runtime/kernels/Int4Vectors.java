package io.acbench.runtime.kernels;

import static io.acbench.runtime.kernels.VectorKernels.F;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/** Lane operations shared by the GPTQ and AWQ kernels. */
final class Int4Vectors {

  private Int4Vectors() {}

  /** {@code xSum[b] = Σ_{k ∈ [kStart, kEnd)} x[b, k]}. */
  static void groupSums(float[] x, int inFeatures, int batch, int kStart, int kEnd, float[] xSum) {
    for (int b = 0; b < batch; b++) {
      float sum = 0f;
      for (int k = kStart; k < kEnd; k++) {
        sum += x[b * inFeatures + k];
      }
      xSum[b] = sum;
    }
  }

  /** {@code dst[d..] += s[at..] · (acc[a..] − z[at..] · xSum)} for one vector. */
  static void fold(
      float[] s, float[] z, int at, float xSum, float[] acc, int a, float[] dst, int d) {
    FloatVector scale = FloatVector.fromArray(F, s, at);
    FloatVector centred =
        FloatVector.fromArray(F, acc, a).sub(FloatVector.fromArray(F, z, at).mul(xSum));
    scale.fma(centred, FloatVector.fromArray(F, dst, d)).intoArray(dst, d);
  }

  /** Nibble j of each lane as float: {@code (float) ((words >>> 4j) & 0xF)}. */
  static FloatVector codes(IntVector words, int j) {
    return (FloatVector)
        words.lanewise(VectorOperators.LSHR, 4 * j).and(0xF).convert(VectorOperators.I2F, 0);
  }

  /** {@code (nibble j of words − zeros[at..]) · scales[at..]} as a float vector. */
  static FloatVector decode(IntVector words, int j, float[] zeros, float[] scales, int at) {
    return codes(words, j)
        .sub(FloatVector.fromArray(F, zeros, at))
        .mul(FloatVector.fromArray(F, scales, at));
  }
}
