package io.acbench.runtime.weights;

import static org.assertj.core.api.Assertions.assertThat;

import io.acbench.runtime.config.ModelConfig.QuantizationConfig;
import io.acbench.runtime.kernels.HalfFloats;
import io.acbench.runtime.kernels.ParallelFor;
import io.acbench.runtime.quant.AwqPacker;
import io.acbench.runtime.quant.GptqPacker;
import io.acbench.runtime.safetensors.DType;
import io.acbench.runtime.safetensors.SafetensorsWriter;
import io.acbench.runtime.safetensors.TensorStore;
import io.acbench.runtime.safetensors.TensorStores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packed int4 layers and a BF16 layer written as a real safetensors file and read back through
 * memory-mapped segments: the loaded weights equal the in-memory ones bit for bit.
 */
class SafetensorsWeightLoadTest {

  /** Relative to Σ|x|·max|ŵ|: two float32 summation orders over K = 128 terms. */
  static final float SUM_REL_TOL = 2e-6f;

  private static final int K = 128;
  private static final int N = 64;

  @TempDir Path dir;

  private final Random random = new Random(11);

  private int[] codes(int n, int lo) {
    int[] c = new int[n];
    for (int i = 0; i < n; i++) {
      c[i] = lo + random.nextInt(16 - lo);
    }
    return c;
  }

  private float[] scales(int n) {
    float[] s = new float[n];
    for (int i = 0; i < n; i++) {
      s[i] = 0.001f + 0.01f * random.nextFloat();
    }
    return s;
  }

  @Test
  void gptqAwqAndBf16LayersLoadFromAFileAsFromMemory() throws IOException {
    int groups = K / 32;
    GptqPacker.Packed gptq =
        GptqPacker.pack(
            K,
            N,
            codes(K * N, 0),
            codes(groups * N, 1),
            scales(groups * N),
            GptqPacker.sequentialGroupIndex(K, 32));
    AwqPacker.Packed awq =
        AwqPacker.pack(K, N, 32, codes(K * N, 0), codes(groups * N, 0), scales(groups * N));
    float[] dense = scales(N * K);
    Path file = dir.resolve("model.safetensors");
    new SafetensorsWriter()
        .addInts("g.qweight", gptq.qweight(), gptq.qweightShape())
        .addInts("g.qzeros", gptq.qzeros(), gptq.qzerosShape())
        .addFloats("g.scales", DType.F16, HalfFloats.f16ToFloats(gptq.scales()), gptq.scalesShape())
        .addInts("g.g_idx", gptq.gIdx(), gptq.gIdxShape())
        .addInts("a.qweight", awq.qweight(), awq.qweightShape())
        .addInts("a.qzeros", awq.qzeros(), awq.qzerosShape())
        .addFloats("a.scales", DType.F16, HalfFloats.f16ToFloats(awq.scales()), awq.scalesShape())
        .addFloats("d.weight", DType.BF16, dense, N, K)
        .write(file);

    try (TensorStore store = TensorStores.open(file)) {
      LinearWeight g =
          WeightLoader.load(
              store, "g", new QuantizationConfig("gptq", 4, 32, false, false, "gptq"));
      LinearWeight a =
          WeightLoader.load(store, "a", new QuantizationConfig("awq", 4, 32, false, false, "gemm"));
      LinearWeight d = WeightLoader.load(store, "d", null);
      assertSameWeight(g, GptqInt4Weight.of("g", gptq));
      assertSameWeight(a, AwqInt4Weight.of("a", awq));
      float[] bf16 = new float[dense.length];
      for (int i = 0; i < dense.length; i++) {
        bf16[i] = HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(dense[i]));
      }
      assertSameWeight(d, new ArrayWeight("d", N, K, bf16));
      assertThat(WeightLoader.loadBias(store, "d")).isNull();
    }
  }

  private void assertSameWeight(LinearWeight loaded, PooledLinearWeight reference) {
    assertThat(loaded.dequantize()).containsExactly(reference.dequantize());
    float[] x = new float[3 * K];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    float[] fromFile = new float[3 * N];
    float[] fromMemory = new float[3 * N];
    ((PooledLinearWeight) loaded).matmul(x, 3, fromFile, new ParallelFor(1));
    reference.matmul(x, 3, fromMemory, new ParallelFor(1));
    // Same kernels over the same values; only the lane order of the final vector reduction, which
    // the Vector API leaves unspecified, may differ.
    for (int i = 0; i < fromFile.length; i++) {
      float scale = 0;
      for (int k = 0; k < K; k++) {
        scale += Math.abs(x[(i / N) * K + k]) * 0.02f * 15;
      }
      assertThat(Math.abs(fromFile[i] - fromMemory[i])).isLessThanOrEqualTo(SUM_REL_TOL * scale);
    }
  }
}
