package io.acbench.compressor.walker;

import java.util.List;

/** What the walker measured, for {@code compression-report.json}. */
public final class WalkReport {

  /**
   * @param name e.g. {@code self_attn.q_proj}
   * @param weightError {@code ‖Ŵ − W‖_F / ‖W‖_F} in the original parametrisation (AWQ scales
   *     undone)
   * @param outputError {@code ‖X·(Ŵ − W)ᵀ‖² / ‖X·Wᵀ‖²} on calibration tokens of the layer's input
   * @param sparsity fraction of exact zeros in the deployed weight
   * @param seconds time spent compressing this linear (statistics passes excluded)
   */
  public record LinearReport(
      String name, double weightError, double outputError, double sparsity, double seconds) {}

  /**
   * @param layer decoder layer index
   * @param seconds wall time of the whole layer (forwards, statistics, compression)
   * @param outputError {@code ‖out − out_fp‖² / ‖out_fp‖²} of the layer on its calibration input
   * @param linears the seven linears
   */
  public record LayerReport(
      int layer, double seconds, double outputError, List<LinearReport> linears) {}

  private WalkReport() {}
}
