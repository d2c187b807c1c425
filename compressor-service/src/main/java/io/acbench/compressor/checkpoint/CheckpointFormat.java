package io.acbench.compressor.checkpoint;

import io.acbench.compressor.recipe.CompressionSpec;

/** Which layout a method's result is written in (spec §5.6). */
public enum CheckpointFormat {
  /** AutoGPTQ v1, symmetric (§5.2, D4). */
  GPTQ,
  /** AutoAWQ GEMM, zero-point (§5.3). */
  AWQ,
  /** Plain dense checkpoint with zeros (§5.5, D6). */
  DENSE;

  /** GPTQ and symmetric RTN → GPTQ; AWQ and asymmetric RTN → AWQ GEMM; pruners → dense. */
  public static CheckpointFormat of(CompressionSpec spec) {
    return switch (spec.method()) {
      case GPTQ -> GPTQ;
      case AWQ -> AWQ;
      case RTN -> spec.rtn().sym() ? GPTQ : AWQ;
      case WANDA, SPARSEGPT, MAGNITUDE, NONE -> DENSE;
    };
  }
}
