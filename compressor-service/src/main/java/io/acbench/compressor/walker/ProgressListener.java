package io.acbench.compressor.walker;

/** Told after every decoder layer. */
@FunctionalInterface
public interface ProgressListener {

  ProgressListener NONE = (done, total, eta) -> {};

  /**
   * @param layersDone layers finished so far
   * @param layerCount layers in the model
   * @param etaSeconds estimated seconds left (mean layer time × layers left)
   */
  void layerDone(int layersDone, int layerCount, double etaSeconds);
}
