package io.acbench.compressor.walker;

/**
 * Receives every compressed linear as soon as its layer is done (the checkpoint writer packs it).
 */
@FunctionalInterface
public interface LinearSink {
  void accept(CompressedLinear linear);
}
