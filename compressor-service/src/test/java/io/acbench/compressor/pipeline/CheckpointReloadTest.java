package io.acbench.compressor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.acbench.compressor.calibration.CalibrationSet;
import io.acbench.compressor.calibration.DefaultCorpus;
import io.acbench.compressor.recipe.CompressionSpec;
import io.acbench.compressor.rtn.QuantizedWeight;
import io.acbench.compressor.walker.CompressedLinear;
import io.acbench.compressor.walker.ProgressListener;
import io.acbench.runtime.fixtures.FixtureModels;
import io.acbench.runtime.model.Projection;
import io.acbench.runtime.model.Sequence;
import io.acbench.runtime.model.Transformer;
import io.acbench.runtime.safetensors.DType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every method's checkpoint, reloaded through llm-runtime, holds exactly the weights the walker
 * produced, and the reloaded model generates.
 */
class CheckpointReloadTest {

  /** f16 rounding of a scale changes a dequantized weight by at most half an f16 ulp (2⁻¹¹). */
  private static final double F16_SCALE_REL = Math.scalb(1.0, -11);

  @TempDir Path tmp;

  @ParameterizedTest(name = "{0} {1} {2} {3}")
  @CsvSource({
    "qwen2, gptq, '', F32",
    "llama, gptq, act_order=false, F32",
    "qwen2, awq, '', F32",
    "llama, awq, '', BF16",
    "qwen2, rtn, '', F32",
    "qwen2, rtn, sym=false, F32",
    "qwen2, wanda, '', F32",
    "qwen2, sparsegpt, nm=2:4, F32",
    "llama, sparsegpt, '', BF16",
    "llama, magnitude, '', F32",
  })
  void reloadedCheckpointHoldsTheWalkedWeightsAndGenerates(
      String family, String method, String extra, DType dtype) throws Exception {
    Path base = tmp.resolve("base");
    FixtureModels.write(family, "tiny", 7, base, dtype);
    Map<String, String> params = new java.util.HashMap<>(Map.of("nsamples", "4", "seqlen", "32"));
    if (!extra.isEmpty()) {
      String[] kv = extra.split("=");
      params.put(kv[0], kv[1]);
    }
    CompressionSpec spec = CompressionSpec.parse(method, params);
    CalibrationSet calib = CompressionPipeline.calibrate(base, spec, DefaultCorpus.load());
    List<CompressedLinear> produced = new ArrayList<>();
    Path out = tmp.resolve("out");
    CompressionPipeline.compress(base, spec, calib, out, ProgressListener.NONE, produced::add);

    assertThat(produced).hasSize(2 * Projection.values().length);
    assertThat(out.resolve("tokenizer.json")).exists();
    assertThat(out.resolve("compression-report.json")).exists();
    try (Transformer reloaded = Transformer.load(out)) {
      for (CompressedLinear l : produced) {
        float[] got = reloaded.layer(l.layer()).linear(l.projection()).dequantize();
        float[] expected =
            l.quantized() == null ? rounded(l.algorithmWeight(), dtype) : fromCodes(l.quantized());
        assertThat(got).as(l.prefix()).containsExactly(expected);
        if (l.quantized() != null) {
          float[] What = l.algorithmWeight();
          for (int i = 0; i < What.length; i++) {
            assertThat((double) Math.abs(got[i] - What[i]))
                .as(l.prefix() + "[" + i + "]")
                .isLessThanOrEqualTo(Math.abs(What[i]) * F16_SCALE_REL + 1e-12);
          }
        }
      }
      assertGenerates(reloaded);
    }
    if (spec.method().quantizes()) {
      String config = Files.readString(out.resolve("config.json"));
      assertThat(config).contains("\"quantization_config\"");
    } else {
      assertThat(Files.readString(out.resolve("config.json"))).doesNotContain("quantization");
      for (CompressedLinear l : produced) {
        long zeros = 0;
        for (float w : l.algorithmWeight()) {
          zeros += w == 0f ? 1 : 0;
        }
        assertThat((double) zeros / l.algorithmWeight().length)
            .as(l.prefix())
            .isGreaterThanOrEqualTo(0.5);
      }
    }
  }

  /** A dense checkpoint stores {@code Ŵ} in the base dtype (BF16: nearest even of the top half). */
  private static float[] rounded(float[] W, DType dtype) {
    if (dtype == DType.F32) {
      return W;
    }
    float[] out = new float[W.length];
    for (int i = 0; i < W.length; i++) {
      int bits = Float.floatToRawIntBits(W[i]);
      int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);
      out[i] = Float.intBitsToFloat(rounded & 0xFFFF0000);
    }
    return out;
  }

  /** {@code f16(scale)·(q − zero)} recomputed from the quantizer's codes. */
  private static float[] fromCodes(QuantizedWeight q) {
    float[] out = new float[q.rows() * q.cols()];
    for (int r = 0; r < q.rows(); r++) {
      for (int c = 0; c < q.cols(); c++) {
        int g = q.gIdx()[c];
        float scale = Float.float16ToFloat(Float.floatToFloat16(q.scales()[r * q.groups() + g]));
        float zero = q.zeros()[r * q.groups() + g];
        out[r * q.cols() + c] = scale * (q.codes()[r * q.cols() + c] - zero);
      }
    }
    return out;
  }

  private static void assertGenerates(Transformer model) {
    Sequence seq = model.newSequence(32);
    float[] logits = model.prefill(seq, new int[] {5, 17, 42, 99});
    List<Integer> generated = new ArrayList<>();
    for (int step = 0; step < 6; step++) {
      int next = argmax(logits);
      assertThat(next).isBetween(0, model.config().vocabSize() - 1);
      generated.add(next);
      logits = model.decode(List.of(seq), new int[] {next});
    }
    for (float v : logits) {
      assertThat(Float.isFinite(v)).isTrue();
    }
    assertThat(generated).hasSize(6);
  }

  private static int argmax(float[] logits) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }
}
