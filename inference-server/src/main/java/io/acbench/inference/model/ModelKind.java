package io.acbench.inference.model;

/** The two contracts a repository model can follow (notes/server-contract.md). */
public enum ModelKind {
  /** Triton's vLLM backend: decoupled text generation over ModelStreamInfer. */
  GENERATION,
  /** Logits-level probe: log-sum-exp, top-k and the ERank Gram matrix over ModelInfer. */
  PROBE
}
