package io.acbench.compressor.walker;

import io.acbench.runtime.model.ForwardHooks;
import io.acbench.runtime.model.Projection;

/**
 * Hooks that cut a layer's forward short once the input of one linear has been reported (the
 * reference's "catcher"): a statistics pass needs nothing past the last input it collects, and
 * AWQ's attention search needs the residual stream before the MLP. The forward ends with {@link
 * Stop}; {@code hidden} then holds the residual stream as far as the layer got.
 */
final class StopAtInput implements ForwardHooks {

  /** Thrown by the hook; carries no stack trace. */
  static final class Stop extends RuntimeException {
    private static final Stop INSTANCE = new Stop();

    private Stop() {
      super("forward stopped at a linear's input", null, false, false);
    }
  }

  private final int layer;
  private final Projection linear;
  private final boolean afterInner;
  private final ForwardHooks inner;

  private StopAtInput(int layer, Projection linear, boolean afterInner, ForwardHooks inner) {
    this.layer = layer;
    this.linear = linear;
    this.afterInner = afterInner;
    this.inner = inner;
  }

  /** Stops when {@code linear} of layer {@code layer} is about to read its input. */
  static StopAtInput before(int layer, Projection linear) {
    return new StopAtInput(layer, linear, false, ForwardHooks.NONE);
  }

  /**
   * Passes every input to {@code inner}, then stops once {@code linear}'s input has been passed.
   */
  static StopAtInput after(int layer, Projection linear, ForwardHooks inner) {
    return new StopAtInput(layer, linear, true, inner);
  }

  @Override
  public void linearInput(int layerIndex, Projection p, float[] x, int rows, int in) {
    boolean last = layerIndex == layer && p == linear;
    if (last && !afterInner) {
      throw Stop.INSTANCE;
    }
    inner.linearInput(layerIndex, p, x, rows, in);
    if (last) {
      throw Stop.INSTANCE;
    }
  }
}
