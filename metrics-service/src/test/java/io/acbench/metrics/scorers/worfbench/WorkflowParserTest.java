package io.acbench.metrics.scorers.worfbench;

import static org.assertj.core.api.Assertions.assertThat;

import io.acbench.metrics.scorers.common.ScoringMode;
import io.acbench.metrics.scorers.worfbench.WorkflowGraph.Edge;
import org.junit.jupiter.api.Test;

class WorkflowParserTest {

  private static final String APPENDIX =
      "Node:\n1: go to sinkbasin\n2: take tomato from sinkbasin\n3: put tomato in/on countertop\n"
          + "Edge: (START,1) (1,2) (2,3) (3,END)";

  @Test
  void appendixWorkflowParsesToThreeNodesAndMappedEdges() {
    WorkflowGraph g = WorkflowParser.parse(APPENDIX, ScoringMode.PARITY).orElseThrow();
    assertThat(g.innerNodes())
        .containsExactly(
            "go to sinkbasin", "take tomato from sinkbasin", "put tomato in/on countertop");
    assertThat(g.nodes()).hasSize(5).startsWith("START").endsWith("END");
    assertThat(g.edges())
        .containsExactly(new Edge(0, 1), new Edge(1, 2), new Edge(2, 3), new Edge(3, 4));
  }

  @Test
  void parityNodeRegexNeedsASpaceAfterTheSeparatorButCorrectedDoesNot() {
    String text = "Node:\n1.go\n2.take\nEdge: (START,1) (1,2) (2,END)";
    assertThat(WorkflowParser.parse(text, ScoringMode.PARITY).orElseThrow().innerNodes()).isEmpty();
    assertThat(WorkflowParser.parse(text, ScoringMode.CORRECTED).orElseThrow().innerNodes())
        .containsExactly("go", "take");
  }

  @Test
  void textWithoutNodeOrWithoutEdgesIsUnparseable() {
    assertThat(WorkflowParser.parse("1: go\n(START,1)", ScoringMode.PARITY)).isEmpty();
    assertThat(WorkflowParser.parse("Node:\n1: go\n2: take", ScoringMode.PARITY)).isEmpty();
    assertThat(WorkflowParser.parse("", ScoringMode.PARITY)).isEmpty();
    assertThat(WorkflowParser.parse(null, ScoringMode.PARITY)).isEmpty();
  }

  @Test
  void trailingFinishNodeIsKeptAndNumbersAreUsedAsWritten() {
    String text = "Node:\n1. search\n2: Finish\nEdge: ( START , 1 ) (1,2) (2,7) (2,END)";
    WorkflowGraph g = WorkflowParser.parse(text, ScoringMode.PARITY).orElseThrow();
    assertThat(g.innerNodes()).containsExactly("search", "Finish");
    assertThat(g.edges())
        .containsExactly(new Edge(0, 1), new Edge(1, 2), new Edge(2, 7), new Edge(2, 3));
  }

  @Test
  void parityStopsCutAtEndDashesAndBlankLineCorrectedOnlyAtDashes() {
    assertThat(WorkflowParser.applyStops(APPENDIX, ScoringMode.PARITY))
        .endsWith("(2,3) (3,")
        .doesNotContain("END");
    assertThat(WorkflowParser.applyStops("\n\nNode:\n1: a", ScoringMode.PARITY)).isEmpty();
    assertThat(WorkflowParser.applyStops("Node:\n1: a\n---\nmore", ScoringMode.PARITY))
        .isEqualTo("Node:\n1: a\n");
    assertThat(WorkflowParser.applyStops(APPENDIX, ScoringMode.CORRECTED)).isEqualTo(APPENDIX);
    String once = WorkflowParser.applyStops(APPENDIX, ScoringMode.PARITY);
    assertThat(WorkflowParser.applyStops(once, ScoringMode.PARITY)).isEqualTo(once);
  }
}
