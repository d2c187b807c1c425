package io.acbench.runtime.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acbench.runtime.config.ModelConfig.QuantizationConfig;
import io.acbench.runtime.kernels.ParallelFor;
import io.acbench.runtime.kernels.ScalarKernels;
import io.acbench.runtime.quant.GptqPacker;
import io.acbench.runtime.safetensors.DType;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class WeightLoaderTest {

  /** Relative to Σ|x·w|: two float32 summation orders over K ≤ 1100 terms. */
  static final float MATMUL_REL_TOL = 2e-6f;

  private static final String P = "model.layers.1.self_attn.q_proj";
  private static final int OUT = 136;
  // 1100 inputs span three K_CHUNKs of the batched path, the last one partial.
  private static final int IN = 1100;
  private static final ParallelFor POOL = new ParallelFor(3);
  private static final QuantizationConfig GPTQ =
      new QuantizationConfig("gptq", 4, 8, false, true, "gptq");

  private final Random random = new Random(3);

  @AfterAll
  static void stopPool() {
    POOL.shutdown();
  }

  private float[] randomFloats(int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) random.nextGaussian();
    }
    return a;
  }

  /** BF16 by truncation plus round-half-even on bit 15, written out independently of the code. */
  private static short bf16(float f) {
    int bits = Float.floatToIntBits(f);
    int lower = bits & 0xFFFF;
    int upper = bits >>> 16;
    if (lower > 0x8000 || (lower == 0x8000 && (upper & 1) == 1)) {
      upper++;
    }
    return (short) upper;
  }

  @Test
  void denseWeightsOfEachDtypeDequantizeAndMatmulLikeTheirTwin() {
    float[] w = randomFloats(OUT * IN);
    short[] bf = new short[w.length];
    short[] hf = new short[w.length];
    float[] wBf = new float[w.length];
    float[] wHf = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      bf[i] = bf16(w[i]);
      hf[i] = Float.floatToFloat16(w[i]);
      wBf[i] = Float.intBitsToFloat((bf[i] & 0xFFFF) << 16);
      wHf[i] = Float.float16ToFloat(hf[i]);
    }
    long[] shape = {OUT, IN};
    try (InMemoryTensorStore store =
        new InMemoryTensorStore()
            .putFloats("a.weight", shape, w)
            .putHalves("b.weight", DType.BF16, shape, bf)
            .putHalves("c.weight", DType.F16, shape, hf)) {
      checkDense(WeightLoader.load(store, "a", null), F32Weight.class, w, 4);
      checkDense(WeightLoader.load(store, "b", null), Bf16Weight.class, wBf, 2);
      checkDense(WeightLoader.load(store, "c", null), F16Weight.class, wHf, 2);
    }
    checkDense(new ArrayWeight("in-memory", OUT, IN, w), ArrayWeight.class, w, 4);
  }

  private void checkDense(LinearWeight weight, Class<?> type, float[] dense, int elementBytes) {
    assertThat(weight).isInstanceOf(type);
    assertThat(weight.outFeatures()).isEqualTo(OUT);
    assertThat(weight.inFeatures()).isEqualTo(IN);
    assertThat(weight.storageBytes()).isEqualTo((long) OUT * IN * elementBytes);
    assertThat(weight.dequantize()).containsExactly(dense);
    for (int batch : new int[] {1, 5}) {
      float[] x = randomFloats(batch * IN);
      float[] serial = new float[batch * OUT];
      float[] pooled = new float[batch * OUT];
      ((PooledLinearWeight) weight).matmul(x, batch, serial, new ParallelFor(1));
      ((PooledLinearWeight) weight).matmul(x, batch, pooled, POOL);
      for (int b = 0; b < batch; b++) {
        for (int o = 0; o < OUT; o++) {
          float expected = ScalarKernels.dot(dense, o * IN, x, b * IN, IN);
          float scale = 0;
          for (int i = 0; i < IN; i++) {
            scale += Math.abs(dense[o * IN + i] * x[b * IN + i]);
          }
          assertThat(Math.abs(serial[b * OUT + o] - expected))
              .as("%s batch %d row %d", type.getSimpleName(), b, o)
              .isLessThanOrEqualTo(MATMUL_REL_TOL * scale);
          // Vector lane reductions have no fixed order, so a pooled run is held to the same bound.
          assertThat(Math.abs(pooled[b * OUT + o] - expected))
              .isLessThanOrEqualTo(MATMUL_REL_TOL * scale);
        }
      }
    }
  }

  @Test
  void matmulRejectsShortBuffersNamingTheTensor() {
    LinearWeight w = new ArrayWeight("tiny", 2, 3, new float[6]);
    assertThatThrownBy(() -> w.matmul(new float[5], 2, new float[4]))
        .hasMessageContaining("tiny")
        .hasMessageContaining("batch × in");
    assertThatThrownBy(() -> new ArrayWeight("tiny", 2, 3, new float[5]))
        .hasMessageContaining("needs 6");
    assertThatThrownBy(() -> new F32Weight("seg", 2, 3, MemorySegment.ofArray(new byte[20])))
        .hasMessageContaining("seg")
        .hasMessageContaining("needs 24");
  }

  @Test
  void denseLoadErrorsNameTheTensorAndTheRule() {
    try (InMemoryTensorStore store =
        new InMemoryTensorStore()
            .putInts("ints.weight", new long[] {2, 4}, new int[8])
            .putFloats("flat.weight", new long[] {8}, new float[8])) {
      assertThatThrownBy(() -> WeightLoader.load(store, "absent", null))
          .hasMessageContaining("'absent.weight' is missing");
      assertThatThrownBy(() -> WeightLoader.load(store, "ints", null))
          .hasMessageContaining("'ints.weight'")
          .hasMessageContaining("expected F32, BF16 or F16");
      assertThatThrownBy(() -> WeightLoader.load(store, "flat", null))
          .hasMessageContaining("'flat.weight'")
          .hasMessageContaining("expected rank 2");
    }
  }

  @Test
  void biasIsReadAsFloatsOrNullWhenAbsent() {
    short[] bits = {Float.floatToFloat16(0.5f), Float.floatToFloat16(-2f)};
    try (InMemoryTensorStore store =
        new InMemoryTensorStore().putHalves(P + ".bias", DType.F16, new long[] {2}, bits)) {
      assertThat(WeightLoader.loadBias(store, P)).containsExactly(0.5f, -2f);
      assertThat(WeightLoader.loadBias(store, "model.layers.1.mlp.up_proj")).isNull();
    }
  }

  /** A valid sym GPTQ layer (K = 16, N = 8, gs = 8) whose tensors a test may then replace. */
  private static InMemoryTensorStore gptqStore() {
    int[] zeros = new int[16];
    java.util.Arrays.fill(zeros, 8);
    float[] scales = new float[16];
    java.util.Arrays.fill(scales, 0.1f);
    GptqPacker.Packed p =
        GptqPacker.pack(16, 8, new int[128], zeros, scales, GptqPacker.sequentialGroupIndex(16, 8));
    return new InMemoryTensorStore()
        .putInts(P + ".qweight", p.qweightShape(), p.qweight())
        .putInts(P + ".qzeros", p.qzerosShape(), p.qzeros())
        .putHalves(P + ".scales", DType.F16, p.scalesShape(), p.scales())
        .putInts(P + ".g_idx", p.gIdxShape(), p.gIdx());
  }

  @Test
  void gptqLoadChecksEveryTensorAndNamesIt() {
    try (InMemoryTensorStore ok = gptqStore()) {
      LinearWeight w = WeightLoader.load(ok, P, GPTQ);
      assertThat(w.inFeatures()).isEqualTo(16);
      // qweight 2·8 words + qzeros 2·1 words + scales 2·8 halves + g_idx 16 ints.
      assertThat(w.storageBytes()).isEqualTo(4 * 16 + 4 * 2 + 2 * 16 + 4 * 16);
    }
    try (InMemoryTensorStore s =
        gptqStore().putInts(P + ".qzeros", new long[] {3, 1}, new int[3])) {
      assertThatThrownBy(() -> WeightLoader.load(s, P, GPTQ))
          .hasMessageContaining("'" + P + ".qzeros'")
          .hasMessageContaining("expected [2, 1]");
    }
    try (InMemoryTensorStore s =
        gptqStore().putInts(P + ".scales", new long[] {2, 8}, new int[16])) {
      assertThatThrownBy(() -> WeightLoader.load(s, P, GPTQ))
          .hasMessageContaining("'" + P + ".scales'")
          .hasMessageContaining("dtype I32");
    }
    try (InMemoryTensorStore s =
        gptqStore().putFloats(P + ".qweight", new long[] {2, 8}, new float[16])) {
      assertThatThrownBy(() -> WeightLoader.load(s, P, GPTQ))
          .hasMessageContaining("'" + P + ".qweight'")
          .hasMessageContaining("expected I32");
    }
    int[] badGroups = new int[16];
    badGroups[4] = 2;
    try (InMemoryTensorStore s = gptqStore().putInts(P + ".g_idx", new long[] {16}, badGroups)) {
      assertThatThrownBy(() -> WeightLoader.load(s, P, GPTQ))
          .hasMessageContaining(P + ".g_idx[4] = 2");
    }
  }

  @Test
  void gptqWithoutGroupIndexUsesSequentialGroupsUnlessActOrderIsOn() {
    try (InMemoryTensorStore full = gptqStore();
        InMemoryTensorStore noGIdx = new InMemoryTensorStore()) {
      for (String t : new String[] {".qweight", ".qzeros"}) {
        noGIdx.putInts(P + t, full.shape(P + t), full.readInts(P + t));
      }
      short[] scales = new short[16];
      java.util.Arrays.fill(scales, Float.floatToFloat16(0.1f));
      noGIdx.putHalves(P + ".scales", DType.F16, full.shape(P + ".scales"), scales);
      assertThat(WeightLoader.load(noGIdx, P, GPTQ).dequantize())
          .containsExactly(WeightLoader.load(full, P, GPTQ).dequantize());
      QuantizationConfig actOrder = new QuantizationConfig("gptq", 4, 8, true, true, "gptq");
      assertThatThrownBy(() -> WeightLoader.load(noGIdx, P, actOrder))
          .hasMessageContaining("'" + P + ".g_idx' is missing but desc_act is true");
    }
  }

  @Test
  void unsupportedMethodsAndBitWidthsAreRejected() {
    try (InMemoryTensorStore s = gptqStore()) {
      assertThatThrownBy(
              () -> WeightLoader.load(s, P, new QuantizationConfig("gptq", 8, 8, false, true, "")))
          .hasMessageContaining(P)
          .hasMessageContaining("bits = 8");
      assertThatThrownBy(
              () -> WeightLoader.load(s, P, new QuantizationConfig("fp8", 4, 8, false, true, "")))
          .hasMessageContaining("quant_method 'fp8' is not supported");
    }
  }

  @Test
  void awqLoadChecksGroupCountFromGroupSize() {
    try (InMemoryTensorStore s =
        new InMemoryTensorStore()
            .putInts(P + ".qweight", new long[] {20, 1}, new int[20])
            .putInts(P + ".qzeros", new long[] {2, 1}, new int[2])
            .putHalves(P + ".scales", DType.F16, new long[] {2, 8}, new short[16])) {
      // K = 20, gs = 8: G = ceil(20/8) = 3, not 2.
      QuantizationConfig awq = new QuantizationConfig("awq", 4, 8, false, false, "gemm");
      assertThatThrownBy(() -> WeightLoader.load(s, P, awq))
          .hasMessageContaining("'" + P + ".qzeros'")
          .hasMessageContaining("expected [3, 1]");
      QuantizationConfig awq10 = new QuantizationConfig("AWQ", 4, 10, false, false, "gemm");
      assertThat(WeightLoader.load(s, P, awq10)).isInstanceOf(AwqInt4Weight.class);
      QuantizationConfig gemv = new QuantizationConfig("awq", 4, 10, false, false, "gemv");
      assertThatThrownBy(() -> WeightLoader.load(s, P, gemv))
          .hasMessageContaining("AWQ version 'gemv' is not supported");
    }
  }
}
