package io.acbench.tasksuite.task;

/** A light parse of a completion for {@code SampleCompleted.parsedOutput}; scorers re-parse. */
@FunctionalInterface
public interface OutputParser {

  /** The parse as JSON text, or null when the output does not parse. */
  String parse(String completion);

  /** No runner-side parse: the scorer parses the raw output. */
  OutputParser NONE = completion -> null;
}
