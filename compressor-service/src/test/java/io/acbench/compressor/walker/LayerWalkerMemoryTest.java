package io.acbench.compressor.walker;

import static org.assertj.core.api.Assertions.assertThat;

import io.acbench.compressor.calibration.CalibrationSet;
import io.acbench.compressor.calibration.DefaultCorpus;
import io.acbench.compressor.pipeline.CompressionPipeline;
import io.acbench.compressor.recipe.CompressionSpec;
import io.acbench.runtime.fixtures.FixtureModels;
import io.acbench.runtime.model.DecoderLayer;
import io.acbench.runtime.model.Projection;
import io.acbench.runtime.model.Transformer;
import io.acbench.runtime.safetensors.DType;
import io.acbench.runtime.weights.ArrayWeight;
import io.acbench.runtime.weights.LinearWeight;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transposed copies the calibration forwards use ({@link GemmLinear}) live only while their
 * layer is walked: afterwards walked layers hold the deployed arrays and the rest their originals.
 */
class LayerWalkerMemoryTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"gptq", "awq", "wanda"})
  void walkedLayersGiveUpTheirGemmCopies(String method) throws Exception {
    Path base = tmp.resolve("base");
    FixtureModels.write("qwen2", "tiny", 3, base);
    CompressionSpec spec = CompressionSpec.parse(method, Map.of("nsamples", "2", "seqlen", "16"));
    CalibrationSet calib = CompressionPipeline.calibrate(base, spec, DefaultCorpus.load());
    try (Transformer model = Transformer.load(base)) {
      List<LinearWeight> originals = new ArrayList<>();
      DecoderLayer last = model.layers().getLast();
      for (Projection p : Projection.values()) {
        originals.add(last.linear(p));
      }
      List<CompressedLinear> produced = new ArrayList<>();
      new LayerWalker(model, calib, spec, DType.F32)
          .limitLayers(model.layers().size() - 1)
          .run(produced::add, ProgressListener.NONE);
      for (DecoderLayer layer : model.layers().subList(0, model.layers().size() - 1)) {
        for (Projection p : Projection.values()) {
          assertThat(layer.linear(p)).isInstanceOf(ArrayWeight.class);
        }
      }
      for (Projection p : Projection.values()) {
        assertThat(last.linear(p)).isSameAs(originals.get(p.ordinal()));
      }
      assertThat(produced).hasSize((model.layers().size() - 1) * Projection.values().length);
    }
  }
}
