package io.acbench.runtime.weights;

import static org.assertj.core.api.Assertions.assertThat;

import io.acbench.runtime.config.ModelConfig.QuantizationConfig;
import io.acbench.runtime.kernels.ParallelFor;
import io.acbench.runtime.kernels.ScalarKernels;
import io.acbench.runtime.quant.AwqPacker;
import io.acbench.runtime.quant.GptqPacker;
import io.acbench.runtime.safetensors.DType;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Packs seeded random codes with the packers, stores them as checkpoint tensors, loads them back
 * through {@link WeightLoader}, and checks {@code dequantize()} against the grid {@code scale · (q
 * − z)} computed here from the codes, and the on-the-fly int4 matmul against a plain matmul over
 * that dense matrix.
 */
class Int4RoundTripTest {

  /**
   * Relative to Σ_k |x[b,k]| · 15 · max scale: the group-factored kernels round partial sums of x·q
   * (terms up to 15|x|), not the dequantized products.
   */
  static final float MATMUL_REL_TOL = 1e-5f;

  private static final String PREFIX = "model.layers.0.mlp.down_proj";
  private static final int K = 256;
  // 272 outputs: two N_BLOCKs (256 + 16) in the serial batched path.
  private static final int N = 272;
  private static final ParallelFor POOL = new ParallelFor(3);

  private final Random random = new Random(7);

  @AfterAll
  static void stopPool() {
    POOL.shutdown();
  }

  /** Codes, zero-points and scales in checkpoint orientation: q (K, N), zeros and scales (G, N). */
  private record Grid(int[] codes, int[] zeros, float[] scales, int[] gIdx, int groups) {

    /** {@code W[n, k] = f16(scale[g, n]) · (q[k, n] − zero[g, n])}, g = gIdx[k]; (N, K). */
    float[] dense() {
      float[] w = new float[N * K];
      for (int k = 0; k < K; k++) {
        for (int n = 0; n < N; n++) {
          int gn = gIdx[k] * N + n;
          float scale = Float.float16ToFloat(Float.floatToFloat16(scales[gn]));
          w[n * K + k] = scale * (float) (codes[k * N + n] - zeros[gn]);
        }
      }
      return w;
    }
  }

  private Grid grid(int groupSize, boolean actOrder, int minZero, boolean sym) {
    int gs = groupSize == -1 ? K : groupSize;
    int groups = Math.ceilDiv(K, gs);
    int[] codes = new int[K * N];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = random.nextInt(16);
    }
    int[] zeros = new int[groups * N];
    float[] scales = new float[groups * N];
    for (int i = 0; i < zeros.length; i++) {
      zeros[i] = sym ? 8 : minZero + random.nextInt(16 - minZero);
      scales[i] = 1e-3f + 0.02f * random.nextFloat();
    }
    int[] gIdx = new int[K];
    int[] order = new int[K];
    for (int k = 0; k < K; k++) {
      order[k] = k;
    }
    if (actOrder) {
      // Act-order: columns are quantized in a permuted order and grouped by rank in that order.
      for (int i = K - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
    for (int rank = 0; rank < K; rank++) {
      gIdx[order[rank]] = rank / gs;
    }
    return new Grid(codes, zeros, scales, gIdx, groups);
  }

  private static InMemoryTensorStore store(GptqPacker.Packed p) {
    return new InMemoryTensorStore()
        .putInts(PREFIX + ".qweight", p.qweightShape(), p.qweight())
        .putInts(PREFIX + ".qzeros", p.qzerosShape(), p.qzeros())
        .putHalves(PREFIX + ".scales", DType.F16, p.scalesShape(), p.scales())
        .putInts(PREFIX + ".g_idx", p.gIdxShape(), p.gIdx());
  }

  private void checkGptq(int groupSize, boolean actOrder, boolean sym) {
    Grid g = grid(groupSize, actOrder, 1, sym);
    GptqPacker.Packed packed = GptqPacker.pack(K, N, g.codes(), g.zeros(), g.scales(), g.gIdx());
    QuantizationConfig qc = new QuantizationConfig("gptq", 4, groupSize, actOrder, sym, "gptq");
    try (InMemoryTensorStore store = store(packed)) {
      LinearWeight w = WeightLoader.load(store, PREFIX, qc);
      assertThat(w).isInstanceOf(GptqInt4Weight.class);
      assertThat(((GptqInt4Weight) w).hasSequentialGroups()).isEqualTo(!actOrder);
      assertThat(w.inFeatures()).isEqualTo(K);
      assertThat(w.outFeatures()).isEqualTo(N);
      float[] expected = g.dense();
      assertThat(w.dequantize()).containsExactly(expected);
      assertThat(GptqInt4Weight.of(PREFIX, packed).dequantize()).containsExactly(expected);
      assertMatmulMatchesDense((PooledLinearWeight) w, expected, g.scales());
    }
  }

  @Test
  void gptqSymmetricGroupSize32() {
    checkGptq(32, false, true);
  }

  @Test
  void gptqSymmetricGroupSize128() {
    checkGptq(128, false, true);
  }

  @Test
  void gptqSymmetricWholeWidthGroup() {
    checkGptq(-1, false, true);
  }

  @Test
  void gptqAsymmetricGroupSize128() {
    checkGptq(128, false, false);
  }

  @Test
  void gptqActOrderPermutedGroupIndex() {
    checkGptq(32, true, true);
    checkGptq(128, true, false);
  }

  @Test
  void gptqV2ZerosAreReadWithoutTheMinusOne() {
    Grid g = grid(64, false, 1, false);
    GptqPacker.Packed v1 = GptqPacker.pack(K, N, g.codes(), g.zeros(), g.scales(), g.gIdx());
    // A v2 checkpoint stores zero itself: v1's words hold zero − 1, so v2 must read one less.
    QuantizationConfig qc = new QuantizationConfig("gptq", 4, 64, false, false, "gptq_v2");
    try (InMemoryTensorStore store = store(v1)) {
      float[] v2Dense = WeightLoader.load(store, PREFIX, qc).dequantize();
      float[] expected = g.dense();
      for (int k = 0; k < K; k++) {
        for (int n = 0; n < N; n++) {
          float scale = Float.float16ToFloat(Float.floatToFloat16(g.scales()[g.gIdx()[k] * N + n]));
          assertThat(v2Dense[n * K + k]).isEqualTo(expected[n * K + k] + scale);
        }
      }
    }
  }

  private void checkAwq(int groupSize) {
    Grid g = grid(groupSize, false, 0, false);
    AwqPacker.Packed packed = AwqPacker.pack(K, N, groupSize, g.codes(), g.zeros(), g.scales());
    QuantizationConfig qc = new QuantizationConfig("awq", 4, groupSize, false, false, "gemm");
    try (InMemoryTensorStore store =
        new InMemoryTensorStore()
            .putInts(PREFIX + ".qweight", packed.qweightShape(), packed.qweight())
            .putInts(PREFIX + ".qzeros", packed.qzerosShape(), packed.qzeros())
            .putHalves(PREFIX + ".scales", DType.F16, packed.scalesShape(), packed.scales())) {
      LinearWeight w = WeightLoader.load(store, PREFIX, qc);
      assertThat(w).isInstanceOf(AwqInt4Weight.class);
      float[] expected = g.dense();
      assertThat(w.dequantize()).containsExactly(expected);
      assertThat(AwqInt4Weight.of(PREFIX, packed).dequantize()).containsExactly(expected);
      assertMatmulMatchesDense((PooledLinearWeight) w, expected, g.scales());
    }
  }

  @Test
  void awqGroupSize32() {
    checkAwq(32);
  }

  @Test
  void awqGroupSize128() {
    checkAwq(128);
  }

  @Test
  void awqWholeWidthGroup() {
    checkAwq(-1);
  }

  /** Int4 matmul, serial and on a pool, against the scalar matmul over the dense grid. */
  private void assertMatmulMatchesDense(PooledLinearWeight w, float[] dense, float[] scales) {
    float maxScale = 0;
    for (float s : scales) {
      maxScale = Math.max(maxScale, s);
    }
    for (int batch : new int[] {1, 8}) {
      float[] x = new float[batch * K];
      float[] absX = new float[batch];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) random.nextGaussian();
        absX[i / K] += Math.abs(x[i]);
      }
      float[] serial = new float[batch * N];
      float[] pooled = new float[batch * N];
      w.matmul(x, batch, serial, new ParallelFor(1));
      w.matmul(x, batch, pooled, POOL);
      for (int b = 0; b < batch; b++) {
        for (int n = 0; n < N; n++) {
          float expected = ScalarKernels.dot(dense, n * K, x, b * K, K);
          float tol = MATMUL_REL_TOL * absX[b] * 15 * maxScale;
          assertThat(Math.abs(serial[b * N + n] - expected))
              .as("batch %d of %d, n %d", b, batch, n)
              .isLessThanOrEqualTo(tol);
          assertThat(pooled[b * N + n]).isEqualTo(serial[b * N + n]);
        }
      }
    }
  }
}
