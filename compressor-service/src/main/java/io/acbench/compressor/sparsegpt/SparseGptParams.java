package io.acbench.compressor.sparsegpt;

import io.acbench.compressor.pruning.PruneParams;

/**
 * SparseGPT heuristics (spec §4.2, D8).
 *
 * @param pattern unstructured ratio or N:M
 * @param percdamp damping as a fraction of {@code mean(diag(H))}
 * @param blockSize B; a multiple of M for N:M so that windows never cross a block
 * @param maxDampRetries Cholesky retries at damp × 10 before falling back to {@code Hinv = I}
 */
public record SparseGptParams(
    PruneParams pattern, double percdamp, int blockSize, int maxDampRetries) {

  public SparseGptParams {
    if (blockSize <= 0 || percdamp < 0 || maxDampRetries < 0) {
      throw new IllegalArgumentException("blockSize > 0, percdamp ≥ 0, maxDampRetries ≥ 0");
    }
    if (pattern.isNOfM() && blockSize % pattern.prunem() != 0) {
      throw new IllegalArgumentException("blockSize must be a multiple of M");
    }
  }

  /** percdamp 0.01, B 128, 3 retries. */
  public static SparseGptParams defaults(PruneParams pattern) {
    return new SparseGptParams(pattern, 0.01, 128, 3);
  }
}
