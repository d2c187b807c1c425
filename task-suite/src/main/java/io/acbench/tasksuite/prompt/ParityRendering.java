package io.acbench.tasksuite.prompt;

import java.util.List;
import java.util.stream.Collectors;

/**
 * ACBench's WorfBench rendering (pprp/ACBench {@code localLLM.py::_prepare_prompt}, benchmark-spec
 * §1.4): no chat template, each message becomes the line {@code "{role}: {content}"}, lines joined
 * by a newline, no assistant cue.
 */
public final class ParityRendering implements PromptRendering {

  @Override
  public String render(List<Turn> turns) {
    return turns.stream().map(t -> t.role() + ": " + t.content()).collect(Collectors.joining("\n"));
  }
}
