package io.acbench.metrics.scorers.worfbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acbench.metrics.scorers.common.ScoringMode;
import io.acbench.metrics.scorers.common.SentenceSimilarity;
import io.acbench.metrics.scorers.common.SharedEmbedder;
import io.acbench.metrics.scoring.TaskScorer.SampleInput;
import io.acbench.metrics.scoring.TaskScorer.SampleScore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gold answers of synthetic records in the official {@code graph_eval.json} format scored against
 * themselves, with the real embedding model.
 */
class WorfBenchScorerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A chain of 3 subtasks (5 graph nodes). */
  static final String CHAIN =
      "Node:\n1: execute bash code to list the log files in /var\n"
          + "2: execute bash code to count the listed files\n3: take answer action\n"
          + "Edge: (START,1) (1,2) (2,3) (3,END)";

  /** Two branches, one of which has two steps (5 graph nodes). */
  static final String PARALLEL =
      "Node:\n1: search for the weather forecast in Paris\n2: search for hotels in Paris\n"
          + "3: book the cheapest hotel room\nEdge: (START,1) (START,2) (2,3) (1,END) (3,END)";

  /** A chain of 8 subtasks: 10 graph nodes, so the gold list keeps START/END in parity (B2). */
  static final String LONG =
      "Node:\n1: go to countertop 1\n2: take apple from countertop 1\n3: go to fridge 1\n"
          + "4: open fridge 1\n5: cool apple with fridge 1\n6: close fridge 1\n"
          + "7: go to diningtable 1\n8: put apple in/on diningtable 1\n"
          + "Edge: (START,1) (1,2) (2,3) (3,4) (4,5) (5,6) (6,7) (7,8) (8,END)";

  private static SentenceSimilarity sim;

  @TempDir static Path dir;
  private static List<JsonNode> records;

  @BeforeAll
  static void writeAndReadOfficialFile() throws Exception {
    sim = SharedEmbedder.similarity();
    ArrayNode file = JSON.createArrayNode();
    String[][] golds = {{"os_1", CHAIN}, {"toolbench_7", PARALLEL}, {"alfworld_3", LONG}};
    for (String[] g : golds) {
      ObjectNode r = file.addObject();
      r.put("source", g[0].substring(0, g[0].indexOf('_')));
      r.put("id", g[0]);
      r.put("category", "eval");
      r.put("target", "graph");
      ArrayNode conv = r.putArray("conversations");
      conv.addObject().put("role", "system").put("content", "You are a helpful task planner.");
      conv.addObject().put("role", "user").put("content", "My problem is: ...");
      conv.addObject().put("role", "assistant").put("content", g[1]);
    }
    Path path = dir.resolve("graph_eval.json");
    JSON.writeValue(path.toFile(), file);
    records = new ArrayList<>();
    JSON.readTree(Files.readString(path)).forEach(records::add);
  }

  /** The runner's reference: the last assistant message of a record. */
  private static String reference(JsonNode record) {
    JsonNode conv = record.get("conversations");
    String gold = conv.get(conv.size() - 1).get("content").asText();
    ObjectNode ref = JSON.createObjectNode();
    ref.put("source", record.get("source").asText()).put("id", record.get("id").asText());
    ref.put("gold", gold);
    return ref.toString();
  }

  private static String gold(JsonNode record) {
    JsonNode conv = record.get("conversations");
    return conv.get(conv.size() - 1).get("content").asText();
  }

  @Test
  void goldAgainstItselfGivesReferenceValuesInParityAndOneWhenCorrected() {
    WorkflowEvaluator parity = new WorkflowEvaluator(sim, ScoringMode.PARITY);
    WorkflowEvaluator corrected = new WorkflowEvaluator(sim, ScoringMode.CORRECTED);
    for (JsonNode r : records) {
      WorkflowGraph g = WorkflowParser.parse(gold(r), ScoringMode.PARITY).orElseThrow();
      boolean long10 = g.nodes().size() >= 10;
      // parity with >= 10 nodes: 8 of 10 gold items (START/END unmatchable) -> P 1, R 0.8
      double expectedF1 = long10 ? 2 * 1.0 * 0.8 / 1.8 : 1.0;
      var p = parity.nodeScore(g, g);
      assertThat(p.precision()).as(r.get("id").asText()).isCloseTo(1.0, within(1e-9));
      assertThat(p.recall()).isCloseTo(long10 ? 0.8 : 1.0, within(1e-9));
      assertThat(p.f1()).isCloseTo(expectedF1, within(1e-9));
      assertThat(corrected.nodeScore(g, g).f1()).isCloseTo(1.0, within(1e-9));
      assertThat(parity.graphScore(g, g).f1()).isCloseTo(1.0, within(1e-9));
    }
  }

  @Test
  void scorerOnRawGoldTextAppliesTheParityStopAtEnd() {
    WorfBenchScorer parity = new WorfBenchScorer(sim, ScoringMode.PARITY);
    WorfBenchScorer corrected = new WorfBenchScorer(sim, ScoringMode.CORRECTED);
    JsonNode chain = records.getFirst();
    SampleInput in = new SampleInput("worfbench/os", "os_1", gold(chain), null, reference(chain));
    SampleScore p = parity.score(in);
    // node chain unaffected; the stop at "END" drops edge (3,END): END is matched but isolated,
    // so 4 of 5 nodes form the largest common component on both sides
    assertThat(p.primary()).isCloseTo(1.0, within(1e-9));
    assertThat(p.metrics().get("graph_precision")).isCloseTo(0.8, within(1e-9));
    assertThat(p.metrics().get("graph_recall")).isCloseTo(0.8, within(1e-9));
    SampleScore c = corrected.score(in);
    assertThat(c.primary()).isCloseTo(1.0, within(1e-9));
    assertThat(c.metrics().get("graph_f1")).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void reorderedParallelBranchStillScoresOneThroughAnotherTopologicalSort() {
    String reordered =
        "Node:\n1: search for hotels in Paris\n2: book the cheapest hotel room\n"
            + "3: search for the weather forecast in Paris\nEdge: (START,1) (1,2) (START,3) (2,";
    WorfBenchScorer scorer = new WorfBenchScorer(sim, ScoringMode.PARITY);
    JsonNode par = records.get(1);
    SampleScore s =
        scorer.score(new SampleInput("worfbench/toolbench", "t7", reordered, null, reference(par)));
    assertThat(s.primary()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void malformedOutputsScoreZeroWithoutExceptions() {
    WorfBenchScorer scorer = new WorfBenchScorer(sim, ScoringMode.PARITY);
    String ref = reference(records.getFirst());
    List<String> bad =
        List.of(
            "",
            "I cannot help with that.",
            "Node:\n1: only nodes, no edges",
            "Node:\nEdge: (START,END)",
            "\n\nNode:\n1: a\nEdge: (START,1) (1,END)",
            "Node:\n1: x\nEdge: (99999999999999,1) (START,1)",
            "Node:\n1.no space\nEdge: (START,1) (1,END)");
    for (String out : bad) {
      SampleScore s = scorer.score(new SampleInput("worfbench/os", "s", out, null, ref));
      assertThat(s.metrics().values()).as(out).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
      assertThat(s.primary()).as(out).isIn(0.0, 2.0 * (1.0 / 1) * (1.0 / 3) / (1 + 1.0 / 3));
    }
    SampleScore none = scorer.score(new SampleInput("worfbench/os", "s", "", null, ref));
    assertThat(none.metrics()).containsEntry("parsed", 0.0).containsEntry("f1_score", 0.0);
  }

  @Test
  void badReferenceIsRejectedNamingTheField() {
    WorfBenchScorer scorer = new WorfBenchScorer(sim, ScoringMode.PARITY);
    assertThatThrownBy(() -> scorer.score(new SampleInput("worfbench/os", "s", "x", null, "{}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reference.gold");
    assertThatThrownBy(() -> scorer.score(new SampleInput("worfbench/os", "s", "x", null, "nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reference");
  }

  @Test
  void taskMeanCountsUnparseableSamplesAsZero() {
    WorfBenchScorer scorer = new WorfBenchScorer(sim, ScoringMode.PARITY);
    String ref = reference(records.getFirst());
    SampleScore good =
        scorer.score(new SampleInput("worfbench/os", "a", gold(records.getFirst()), null, ref));
    SampleScore bad = scorer.score(new SampleInput("worfbench/os", "b", "no workflow", null, ref));
    Map<String, Double> task = scorer.aggregate(List.of(good, bad));
    assertThat(task.get("f1_score")).isCloseTo(0.5, within(1e-9));
    assertThat(task.get("parsed")).isCloseTo(0.5, within(1e-9));
  }
}
