package io.acbench.compressor.walker;

import io.acbench.runtime.model.Projection;
import java.util.List;
import java.util.Map;

/** One method's work on one decoder layer; it must commit all seven linears. */
interface LayerCompressor {

  /** Adds the statistics this method needs from the forward of the original layer. */
  default void collect(LayerContext ctx, Map<Projection, List<InputCollector>> collectors) {}

  /** Compresses and commits every linear of the layer. */
  void compress(LayerContext ctx);

  /**
   * Decision D1: whether the next layer's input is the output of the compressed layer (GPTQ,
   * SparseGPT, Wanda and the data-free methods) or of the original one (AWQ).
   */
  default boolean propagateCompressed() {
    return true;
  }
}
