package io.acbench.compressor.checkpoint;

import io.acbench.compressor.rtn.QuantizedWeight;
import io.acbench.runtime.quant.AwqPacker;
import io.acbench.runtime.quant.GptqPacker;

/**
 * Turns a {@link QuantizedWeight} ({@code (R, C)} = (out, in) orientation) into the checkpoint
 * orientation the packers take ({@code (K, N)} codes, {@code (G, N)} zeros and scales) and packs
 * it.
 */
final class PackedLinears {

  private PackedLinears() {}

  /** GPTQ v1: codes along the input dim, zeros stored minus one, the quantizer's g_idx. */
  static GptqPacker.Packed gptq(QuantizedWeight q) {
    return GptqPacker.pack(q.cols(), q.rows(), codesKn(q), zerosGn(q), scalesGn(q), q.gIdx());
  }

  /** AutoAWQ GEMM with group size {@code groupSize} (-1 for one group). */
  static AwqPacker.Packed awq(QuantizedWeight q, int groupSize) {
    return AwqPacker.pack(q.cols(), q.rows(), groupSize, codesKn(q), zerosGn(q), scalesGn(q));
  }

  private static int[] codesKn(QuantizedWeight q) {
    int R = q.rows();
    int C = q.cols();
    int[] out = new int[R * C]; // (K = C, N = R)
    for (int r = 0; r < R; r++) {
      for (int c = 0; c < C; c++) {
        out[c * R + r] = q.codes()[r * C + c];
      }
    }
    return out;
  }

  private static int[] zerosGn(QuantizedWeight q) {
    int R = q.rows();
    int G = q.groups();
    int[] out = new int[G * R]; // (G, N)
    for (int r = 0; r < R; r++) {
      for (int g = 0; g < G; g++) {
        out[g * R + r] = (int) q.zeros()[r * G + g];
      }
    }
    return out;
  }

  private static float[] scalesGn(QuantizedWeight q) {
    int R = q.rows();
    int G = q.groups();
    float[] out = new float[G * R]; // (G, N)
    for (int r = 0; r < R; r++) {
      for (int g = 0; g < G; g++) {
        out[g * R + r] = q.scales()[r * G + g];
      }
    }
    return out;
  }
}
