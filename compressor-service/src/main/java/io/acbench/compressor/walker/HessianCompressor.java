package io.acbench.compressor.walker;

import io.acbench.compressor.gptq.Gptq;
import io.acbench.compressor.gptq.GptqParams;
import io.acbench.compressor.gptq.HessianAccumulator;
import io.acbench.compressor.sparsegpt.SparseGpt;
import io.acbench.compressor.sparsegpt.SparseGptParams;
import io.acbench.runtime.model.Projection;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GPTQ and SparseGPT on one layer. With {@code true_sequential} (spec §1.3) the linears go in four
 * sub-groups {@code [k, v, q] → [o] → [up, gate] → [down]}; before each sub-group after the first
 * the layer is re-run up to that sub-group's input (nothing after it is needed), so its Hessian
 * sees the already compressed earlier sub-groups. The first sub-group's Hessian comes from the
 * forward of the original layer. Without it, all Hessians come from that one forward. Linears
 * sharing an input share one Hessian.
 */
final class HessianCompressor implements LayerCompressor {

  private static final List<List<Projection>> SUBGROUPS =
      List.of(
          List.of(Projection.K_PROJ, Projection.V_PROJ, Projection.Q_PROJ),
          List.of(Projection.O_PROJ),
          List.of(Projection.UP_PROJ, Projection.GATE_PROJ),
          List.of(Projection.DOWN_PROJ));

  private final GptqParams gptq;
  private final SparseGptParams sparseGpt;
  private final List<List<Projection>> groups;
  private final Map<Projection, HessianAccumulator> first = new EnumMap<>(Projection.class);

  private HessianCompressor(GptqParams gptq, SparseGptParams sparseGpt, boolean trueSequential) {
    this.gptq = gptq;
    this.sparseGpt = sparseGpt;
    this.groups = trueSequential ? SUBGROUPS : List.of(List.of(Projection.values()));
  }

  static HessianCompressor gptq(GptqParams params, boolean trueSequential) {
    return new HessianCompressor(params, null, trueSequential);
  }

  static HessianCompressor sparseGpt(SparseGptParams params, boolean trueSequential) {
    return new HessianCompressor(null, params, trueSequential);
  }

  @Override
  public void collect(LayerContext ctx, Map<Projection, List<InputCollector>> collectors) {
    first.clear();
    first.putAll(accumulators(ctx, groups.getFirst(), collectors));
  }

  @Override
  public void compress(LayerContext ctx) {
    for (int i = 0; i < groups.size(); i++) {
      List<Projection> group = groups.get(i);
      Map<Projection, HessianAccumulator> hessians;
      if (i == 0) {
        hessians = first;
      } else {
        Map<Projection, List<InputCollector>> collectors = new EnumMap<>(Projection.class);
        hessians = accumulators(ctx, group, collectors);
        Projection lastInput =
            group.stream().map(CollectingHooks::inputOf).max(Enum::compareTo).orElseThrow();
        ctx.forwardUntilInputOf(lastInput, collectors);
      }
      for (Projection p : group) {
        compressOne(ctx, p, hessians.get(CollectingHooks.inputOf(p)).hessian());
      }
    }
    first.clear();
  }

  private void compressOne(LayerContext ctx, Projection p, double[] H) {
    long t0 = System.nanoTime();
    float[] W = ctx.originalWeights.get(p);
    int R = ctx.rows(p);
    int C = ctx.cols(p);
    if (gptq != null) {
      DataFreeCompressors.commitQuantized(ctx, p, Gptq.quantize(W, R, C, H, gptq).quantized(), t0);
    } else {
      DataFreeCompressors.commitPruned(
          ctx, p, SparseGpt.prune(W, R, C, H, sparseGpt).pruned().weight(), t0);
    }
  }

  private static Map<Projection, HessianAccumulator> accumulators(
      LayerContext ctx, List<Projection> group, Map<Projection, List<InputCollector>> collectors) {
    Set<Projection> inputs = new LinkedHashSet<>();
    group.forEach(p -> inputs.add(CollectingHooks.inputOf(p)));
    Map<Projection, HessianAccumulator> map = new EnumMap<>(Projection.class);
    for (Projection in : inputs) {
      HessianAccumulator h = new HessianAccumulator(ctx.cols(in));
      map.put(in, h);
      collectors.computeIfAbsent(in, k -> new ArrayList<>()).add(InputCollector.hessian(h));
    }
    return map;
  }
}
