package io.acbench.compressor.walker;

import io.acbench.compressor.magnitude.Magnitude;
import io.acbench.compressor.pruning.PruneParams;
import io.acbench.compressor.pruning.PruneResult;
import io.acbench.compressor.rtn.QuantizedWeight;
import io.acbench.compressor.rtn.Rtn;
import io.acbench.compressor.rtn.RtnParams;
import io.acbench.compressor.wanda.Wanda;
import io.acbench.compressor.wanda.WandaStats;
import io.acbench.runtime.model.Projection;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** RTN, magnitude and Wanda: one pass over the seven linears, no weight update between them. */
final class DataFreeCompressors {

  private DataFreeCompressors() {}

  /** RTN (spec §2.6) on every linear. */
  static LayerCompressor rtn(RtnParams params) {
    return ctx -> {
      for (Projection p : Projection.values()) {
        long t0 = System.nanoTime();
        QuantizedWeight q =
            Rtn.quantize(ctx.originalWeights.get(p), ctx.rows(p), ctx.cols(p), params);
        commitQuantized(ctx, p, q, t0);
      }
    };
  }

  /** Magnitude pruning (spec §4.3) on every linear. */
  static LayerCompressor magnitude(PruneParams params) {
    return ctx -> {
      for (Projection p : Projection.values()) {
        long t0 = System.nanoTime();
        PruneResult r =
            Magnitude.prune(ctx.originalWeights.get(p), ctx.rows(p), ctx.cols(p), params);
        commitPruned(ctx, p, r.weight(), t0);
      }
    };
  }

  /** Wanda (spec §4.1): all seven linears scored from one forward of the unpruned layer. */
  static LayerCompressor wanda(PruneParams params) {
    Map<Projection, WandaStats> stats = new EnumMap<>(Projection.class);
    return new LayerCompressor() {
      @Override
      public void collect(LayerContext ctx, Map<Projection, List<InputCollector>> collectors) {
        stats.clear();
        for (Projection p :
            List.of(
                Projection.Q_PROJ, Projection.O_PROJ, Projection.GATE_PROJ, Projection.DOWN_PROJ)) {
          WandaStats s = new WandaStats(ctx.cols(p));
          stats.put(p, s);
          collectors.computeIfAbsent(p, k -> new ArrayList<>()).add(InputCollector.wanda(s));
        }
      }

      @Override
      public void compress(LayerContext ctx) {
        for (Projection p : Projection.values()) {
          long t0 = System.nanoTime();
          double[] scaler = stats.get(CollectingHooks.inputOf(p)).scalerRow();
          PruneResult r =
              Wanda.prune(ctx.originalWeights.get(p), ctx.rows(p), ctx.cols(p), scaler, params);
          commitPruned(ctx, p, r.weight(), t0);
        }
      }
    };
  }

  static void commitQuantized(LayerContext ctx, Projection p, QuantizedWeight q, long t0) {
    float[] deployed = Deployment.quantized(q);
    ctx.commit(
        new CompressedLinear(ctx.layer.index(), p, q.rows(), q.cols(), q.weight(), deployed, q),
        deployed,
        (System.nanoTime() - t0) / 1e9);
  }

  static void commitPruned(LayerContext ctx, Projection p, float[] weight, long t0) {
    float[] deployed = Deployment.dense(weight, ctx.denseDtype);
    ctx.commit(
        new CompressedLinear(
            ctx.layer.index(), p, ctx.rows(p), ctx.cols(p), weight, deployed, null),
        deployed,
        (System.nanoTime() - t0) / 1e9);
  }
}
