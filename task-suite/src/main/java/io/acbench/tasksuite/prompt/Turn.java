package io.acbench.tasksuite.prompt;

import java.util.Objects;

/** One message of a prompt before rendering. */
public record Turn(String role, String content) {

  public Turn {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }
}
