package io.acbench.taskrunner.inference;

import java.util.Objects;

/**
 * A finished generation.
 *
 * @param text the completion (prompt not included)
 * @param promptTokens tokens in the prompt (0 when the backend does not report it)
 * @param completionTokens tokens generated
 * @param latencyMillis wall time of the call
 */
public record Generation(String text, int promptTokens, int completionTokens, long latencyMillis) {

  public Generation {
    Objects.requireNonNull(text, "text");
  }
}
