package io.acbench.compressor.sparsegpt;

import io.acbench.compressor.pruning.PruneResult;

/**
 * SparseGPT output.
 *
 * @param pruned the updated weight and the mask
 * @param loss {@code Σ (w − q)²/d²/2} over all columns
 * @param damp damping added to {@code diag(H)}
 * @param dampRetries how many times the damping was multiplied by 10
 * @param identityFallback true when every Cholesky attempt failed and {@code Hinv = I} was used
 *     (per-block magnitude selection, no update)
 * @param deadColumns input channels with {@code H[j,j] == 0}, whose weights were zeroed
 */
public record SparseGptResult(
    PruneResult pruned,
    double loss,
    double damp,
    int dampRetries,
    boolean identityFallback,
    int deadColumns) {}
