package io.acbench.inference.model;

/**
 * The two contracts a repository model can follow (inference-server/README.md (model contracts)).
 */
public enum ModelKind {
  /** Triton's vLLM backend: decoupled text generation over ModelStreamInfer. */
  GENERATION,
  /** Logits-level probe: log-sum-exp, top-k and the ERank Gram matrix over ModelInfer. */
  PROBE
}
