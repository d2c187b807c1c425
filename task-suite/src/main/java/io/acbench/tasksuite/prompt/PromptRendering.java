package io.acbench.tasksuite.prompt;

import java.util.List;

/** Turns a list of messages into the single prompt string sent to the model. */
@FunctionalInterface
public interface PromptRendering {

  String render(List<Turn> turns);
}
