package io.acbench.compressor.gptq;

import io.acbench.compressor.rtn.QuantizedWeight;

/**
 * GPTQ output.
 *
 * @param quantized codes, scales, zeros, g_idx and {@code Ŵ} in original column order
 * @param loss {@code Σ_{r,c} (w − q)²/d²/2}, which equals {@code ½·tr(ΔW·(H+damp·I)·ΔWᵀ)} (spec
 *     §2.3 identity 1)
 * @param damp damping added to {@code diag(H)}
 * @param dampRetries how many times the damping was multiplied by 10 (D8)
 * @param rtnFallback true when every Cholesky attempt failed and the result is RTN on the same grid
 * @param deadColumns input channels with {@code H[j,j] == 0}, whose weights were zeroed
 */
public record GptqResult(
    QuantizedWeight quantized,
    double loss,
    double damp,
    int dampRetries,
    boolean rtnFallback,
    int deadColumns) {}
