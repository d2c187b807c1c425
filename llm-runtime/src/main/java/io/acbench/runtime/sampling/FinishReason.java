package io.acbench.runtime.sampling;

/** Why a sequence stopped, with the OpenAI/vLLM wire names. */
public enum FinishReason {
  /** A stop token, end-of-sequence or stop string. */
  STOP("stop"),
  /** The token limit or the context length was reached. */
  LENGTH("length"),
  /** The request was cancelled. */
  ABORT("abort");

  private final String wireName;

  FinishReason(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
