package io.acbench.runtime.generate;

import io.acbench.runtime.sampling.FinishReason;

/**
 * A finished completion.
 *
 * @param text the generated text (stop strings removed)
 * @param tokenIds every generated token, a final stop token included
 * @param finishReason {@code stop} or {@code length}
 * @param promptTokens prompt length
 */
public record GenerationResult(
    String id, String text, int[] tokenIds, FinishReason finishReason, int promptTokens) {}
