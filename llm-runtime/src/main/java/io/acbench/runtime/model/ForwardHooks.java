package io.acbench.runtime.model;

/**
 * Observation points of a forward pass, for calibration and analysis. Every method defaults to a
 * no-op. Arrays are the engine's working buffers: read them during the call (copy what must be
 * kept) and never modify them. Rows are the tokens of the pass in order: the positions of a
 * prefill, or one token per sequence of a decode batch.
 */
public interface ForwardHooks {

  /** Hooks that observe nothing. */
  ForwardHooks NONE = new ForwardHooks() {};

  /**
   * The input of one linear layer; q/k/v share one input and so do gate/up, each reported under its
   * own name.
   *
   * @param x activations (rows, in) row-major
   */
  default void linearInput(int layer, Projection linear, float[] x, int rows, int in) {}

  /**
   * The residual stream entering decoder layer {@code layer}.
   *
   * @param hidden (rows, hiddenSize)
   */
  default void layerInput(int layer, float[] hidden, int rows, int hiddenSize) {}

  /**
   * The residual stream leaving the last decoder layer, before the final norm.
   *
   * @param hidden (rows, hiddenSize)
   */
  default void lastLayerOutput(float[] hidden, int rows, int hiddenSize) {}

  /**
   * The final hidden states after the final norm, the LM head's input.
   *
   * @param hidden (rows, hiddenSize)
   */
  default void finalHidden(float[] hidden, int rows, int hiddenSize) {}

  /**
   * The logits produced by the pass (only the rows whose logits were requested).
   *
   * @param logits (rows, vocabSize)
   */
  default void logits(float[] logits, int rows, int vocabSize) {}
}
