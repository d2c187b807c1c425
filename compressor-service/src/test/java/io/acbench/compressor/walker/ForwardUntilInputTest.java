package io.acbench.compressor.walker;

import static org.assertj.core.api.Assertions.assertThat;

import io.acbench.runtime.fixtures.FixtureModels;
import io.acbench.runtime.model.Projection;
import io.acbench.runtime.model.Transformer;
import io.acbench.runtime.safetensors.DType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A statistics pass cut short at a linear's input ({@link LayerContext#forwardUntilInputOf}) hands
 * the collectors exactly what a full forward does up to that input, and nothing after it.
 */
class ForwardUntilInputTest {

  private static final List<Projection> INPUTS =
      List.of(Projection.Q_PROJ, Projection.O_PROJ, Projection.GATE_PROJ, Projection.DOWN_PROJ);
  private static final int SAMPLES = 3;
  private static final int SEQ_LEN = 6;

  @TempDir Path tmp;

  @Test
  void collectsTheSameInputsAsAFullForwardUpToTheStopAndNoneAfter() throws Exception {
    Path base = tmp.resolve("base");
    FixtureModels.write("qwen2", "tiny", 5, base);
    try (Transformer model = Transformer.load(base)) {
      int hidden = model.config().hiddenSize();
      SplittableRandom rnd = new SplittableRandom(6);
      float[][] inputs = new float[SAMPLES][SEQ_LEN * hidden];
      for (float[] x : inputs) {
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) rnd.nextDouble(-1, 1);
        }
      }
      float[][] before = new float[SAMPLES][];
      for (int s = 0; s < SAMPLES; s++) {
        before[s] = inputs[s].clone();
      }
      LayerContext ctx =
          new LayerContext(model.layers().get(1), inputs, SEQ_LEN, DType.F32, l -> {});
      Map<Projection, InputCollector.Cache> full = new EnumMap<>(Projection.class);
      ctx.forward(collectors(ctx, full), false);
      for (Projection last :
          List.of(Projection.O_PROJ, Projection.GATE_PROJ, Projection.DOWN_PROJ)) {
        Map<Projection, InputCollector.Cache> cut = new EnumMap<>(Projection.class);
        ctx.forwardUntilInputOf(last, collectors(ctx, cut));
        for (Projection p : INPUTS) {
          if (p.compareTo(last) <= 0) {
            assertThat(cut.get(p).filled).as("%s until %s", p, last).isEqualTo(SAMPLES * SEQ_LEN);
            assertThat(cut.get(p).X).as("%s until %s", p, last).containsExactly(full.get(p).X);
          } else {
            assertThat(cut.get(p).filled).as("%s after the stop at %s", p, last).isZero();
          }
        }
      }
      for (int s = 0; s < SAMPLES; s++) {
        assertThat(inputs[s]).as("sample %d is not modified", s).containsExactly(before[s]);
      }
    }
  }

  private static Map<Projection, List<InputCollector>> collectors(
      LayerContext ctx, Map<Projection, InputCollector.Cache> caches) {
    Map<Projection, List<InputCollector>> map = new EnumMap<>(Projection.class);
    for (Projection p : INPUTS) {
      InputCollector.Cache cache = new InputCollector.Cache(ctx.tokens(), ctx.cols(p));
      caches.put(p, cache);
      map.computeIfAbsent(p, k -> new ArrayList<>()).add(cache);
    }
    return map;
  }
}
