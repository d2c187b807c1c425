package io.acbench.runtime.sampling;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides when one sequence stops and which of its text may be released, following vLLM's defaults:
 * a stop token id or end-of-sequence token (unless {@code ignoreEos}) stops without adding its
 * text; a stop string stops and is cut from the output together with anything after it; {@code
 * maxTokens} generated tokens stop with {@link FinishReason#LENGTH}. While stop strings are active,
 * the last {@code max(len(stop)) − 1} characters are held back from streaming because they might
 * begin a stop string.
 */
public final class StopCriteria {

  private final SamplingParams params;
  private final Set<Integer> stopTokens = new HashSet<>();
  private final int holdBack;
  private final StringBuilder text = new StringBuilder();
  private int released;
  private int generated;
  private FinishReason finishReason;

  /**
   * @param eosTokenIds the model's end-of-sequence tokens
   */
  public StopCriteria(SamplingParams params, Set<Integer> eosTokenIds) {
    this.params = params;
    stopTokens.addAll(params.stopTokenIds());
    if (!params.ignoreEos()) {
      stopTokens.addAll(eosTokenIds);
    }
    int longest = params.stop().stream().mapToInt(String::length).max().orElse(0);
    this.holdBack = Math.max(0, longest - 1);
  }

  /** Whether {@code tokenId} ends the sequence without contributing text. */
  public boolean isStopToken(int tokenId) {
    return stopTokens.contains(tokenId);
  }

  /**
   * Records one generated token and its text.
   *
   * @param textDelta the text the token added (empty for a stop token or an incomplete character)
   * @return the text now safe to release, possibly empty
   */
  public String accept(int tokenId, String textDelta) {
    if (finishReason != null) {
      throw new IllegalStateException("sequence already finished: " + finishReason);
    }
    generated++;
    if (isStopToken(tokenId)) {
      return finish(FinishReason.STOP, text.length());
    }
    int searchFrom = Math.max(0, text.length() - holdBack);
    text.append(textDelta);
    int cut = firstStop(searchFrom);
    if (cut >= 0) {
      return finish(FinishReason.STOP, cut);
    }
    if (generated >= params.maxTokens()) {
      return finish(FinishReason.LENGTH, text.length());
    }
    return release(Math.max(released, text.length() - holdBack));
  }

  /**
   * Ends the sequence for an outside reason (context full, cancellation).
   *
   * @return the held-back text, released now
   */
  public String finish(FinishReason reason) {
    return finishReason != null ? "" : finish(reason, text.length());
  }

  /** Why the sequence stopped, or null while it runs. */
  public FinishReason finishReason() {
    return finishReason;
  }

  /** The output text so far, after stop-string removal once finished. */
  public String text() {
    return text.toString();
  }

  /** Tokens accepted so far, stop tokens included. */
  public int generated() {
    return generated;
  }

  private int firstStop(int searchFrom) {
    int best = -1;
    List<String> stops = params.stop();
    for (String s : stops) {
      int at = text.indexOf(s, searchFrom);
      if (at >= 0 && (best < 0 || at < best)) {
        best = at;
      }
    }
    return best;
  }

  private String finish(FinishReason reason, int end) {
    finishReason = reason;
    text.setLength(end);
    return release(end);
  }

  private String release(int end) {
    String delta = text.substring(released, end);
    released = end;
    return delta;
  }
}
