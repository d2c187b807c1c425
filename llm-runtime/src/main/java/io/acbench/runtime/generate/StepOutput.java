package io.acbench.runtime.generate;

import io.acbench.runtime.sampling.FinishReason;

/**
 * What one sequence produced in one {@link GenerationBatch#step()}.
 *
 * @param id the request id
 * @param tokenId the token generated in this step
 * @param textDelta text released by this step (may be empty; stop strings are never released)
 * @param finishReason why the sequence ended in this step, or null while it continues
 * @param promptTokens prompt length
 * @param completionTokens tokens generated so far, this one included
 */
public record StepOutput(
    String id,
    int tokenId,
    String textDelta,
    FinishReason finishReason,
    int promptTokens,
    int completionTokens) {

  /** Whether this was the sequence's last step. */
  public boolean finished() {
    return finishReason != null;
  }
}
