package io.acbench.compressor.walker;

import io.acbench.runtime.model.ForwardHooks;
import io.acbench.runtime.model.Projection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Forward hooks that hand the input of selected linears to collectors. q/k/v share one input and so
 * do gate/up (spec §1.2): their collectors are registered under the group's first projection and
 * called once per forward.
 */
final class CollectingHooks implements ForwardHooks {

  private final int layer;
  private final Map<Projection, List<InputCollector>> collectors;

  CollectingHooks(int layer, Map<Projection, List<InputCollector>> collectors) {
    this.layer = layer;
    this.collectors = new EnumMap<>(Projection.class);
    collectors.forEach((p, c) -> this.collectors.put(inputOf(p), List.copyOf(c)));
  }

  /** The projection whose hook reports the input {@code p} reads. */
  static Projection inputOf(Projection p) {
    return switch (p) {
      case Q_PROJ, K_PROJ, V_PROJ -> Projection.Q_PROJ;
      case GATE_PROJ, UP_PROJ -> Projection.GATE_PROJ;
      default -> p;
    };
  }

  @Override
  public void linearInput(int layerIndex, Projection linear, float[] x, int rows, int in) {
    if (layerIndex != layer) {
      return;
    }
    List<InputCollector> list = collectors.get(linear);
    if (list != null) {
      for (InputCollector c : list) {
        c.add(x, rows, in);
      }
    }
  }
}
