package io.acbench.compressor.awq;

import java.util.List;

/**
 * The module whose output defines AWQ's search loss (spec §3.3 "inspect"): the whole attention, the
 * whole MLP, or one linear. The layer walker supplies real modules; {@link LinearBlock} is the
 * single-linear case (o_proj, down_proj).
 */
@FunctionalInterface
public interface AwqBlock {

  /**
   * Runs the module on its cached calibration input with the given weights in place of the scaled
   * linears' weights (same order and shapes as passed to the search), leaving the module's own
   * weights untouched. Returns the output flattened; the arrays passed in are not modified.
   */
  float[] output(List<float[]> weights);
}
