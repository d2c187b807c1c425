package io.acbench.tasksuite.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StopRulesAndParserTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void parityStopsCutAtTheEarliestOfEndDashesAndABlankLine() {
    SamplingParams p = TaskCatalog.WORFBENCH_PARITY;
    assertThat(p.applyStops("Node:\n1: a\nEdge: (START,1) (1,END)"))
        .isEqualTo("Node:\n1: a\nEdge: (START,1) (1,");
    assertThat(p.applyStops("Node:\n1: a\n\nEdge: (START,1)")).isEqualTo("Node:\n1: a");
    assertThat(p.applyStops("x---y END")).isEqualTo("x");
    assertThat(p.applyStops("\n\nNode:")).isEmpty();
    assertThat(p.applyStops("no stop here")).isEqualTo("no stop here");
  }

  @Test
  void correctedStopsKeepTheEndEdge() {
    assertThat(
            TaskCatalog.WORFBENCH_CORRECTED.applyStops(
                "Node:\n1: a\n\nEdge: (START,1) (1,END)\n---\nmore"))
        .isEqualTo("Node:\n1: a\n\nEdge: (START,1) (1,END)\n");
    assertThat(TaskCatalog.TEVAL.applyStops("a\n\nEND---")).isEqualTo("a\n\nEND---");
  }

  @Test
  void samplingJsonHasTheSpecsDecodingSettings() throws Exception {
    assertThat(JSON.readTree(TaskCatalog.WORFBENCH_PARITY.toJson()))
        .isEqualTo(
            JSON.readTree(
                "{\"temperature\":0.0,\"top_p\":0.95,\"max_tokens\":1024,"
                    + "\"stop\":[\"END\",\"---\",\"\\n\\n\"],\"stop_token_ids\":[128009]}"));
    assertThat(JSON.readTree(TaskCatalog.TEVAL.toJson()))
        .isEqualTo(
            JSON.readTree(
                "{\"temperature\":0.0,\"top_p\":0.8,\"top_k\":1,\"repetition_penalty\":1.0,\"max_tokens\":512}"));
  }

  /** benchmark-spec appendix A, "WorfBench parse". */
  @Test
  void worfbenchParseOfTheAppendixVector() throws Exception {
    String text =
        "Node:\n1: go to sinkbasin\n2: take tomato from sinkbasin\n3: put tomato in/on countertop\n"
            + "Edge: (START,1) (1,2) (2,3) (3,END)";
    assertThat(JSON.readTree(new WorfbenchOutputParser(false).parse(text)))
        .isEqualTo(
            JSON.readTree(
                "{\"nodes\":[\"START\",\"go to sinkbasin\",\"take tomato from sinkbasin\","
                    + "\"put tomato in/on countertop\",\"END\"],"
                    + "\"edges\":[[0,1],[1,2],[2,3],[3,4]]}"));
  }

  /** Appendix A "WorfBench parse, no space": no nodes in parity mode (B4); corrected finds them. */
  @Test
  void worfbenchNoSpaceAfterTheNumber() throws Exception {
    String text = "Node:\n1.go\n2.take\nEdge: (START,1) (1,2) (2,END)";
    assertThat(JSON.readTree(new WorfbenchOutputParser(false).parse(text)).get("nodes"))
        .isEqualTo(JSON.readTree("[\"START\",\"END\"]"));
    assertThat(JSON.readTree(new WorfbenchOutputParser(true).parse(text)).get("nodes"))
        .isEqualTo(JSON.readTree("[\"START\",\"go\",\"take\",\"END\"]"));
  }

  @Test
  void worfbenchUnparseableOutputs() {
    WorfbenchOutputParser p = new WorfbenchOutputParser(false);
    assertThat(p.parse("1: a\nEdge: (START,1) (1,END)")).isNull();
    assertThat(p.parse("Node:\n1: a\n2: b")).isNull();
    assertThat(p.parse("Node:\n1: a\nEdge: (START, 99999999999999) (START,1)")).contains("[[0,1]]");
  }
}
