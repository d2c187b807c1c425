package io.acbench.metrics.scorers.worfbench;

import io.acbench.metrics.scorers.common.MiniLmSentenceEmbedder;
import io.acbench.metrics.scorers.common.Prf;
import io.acbench.metrics.scorers.common.ScorersConfig;
import io.acbench.metrics.scorers.common.ScoringMode;
import io.acbench.metrics.scorers.common.SentenceSimilarity;
import io.acbench.metrics.scoring.TaskScorer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * WorfBench workflow-generation scorer (family {@code worfbench}, task ids {@code
 * worfbench/<scenario>}). Per sample: stop rules on the raw output, node/edge parsing of output and
 * gold, node-chain P/R/F1 (primary {@code f1_score}) and graph P/R/F1. An unparseable prediction
 * scores 0 and still counts in the task mean (B5). The task score is the default mean.
 *
 * <p>Reference JSON: see {@link WorfBenchReference}.
 */
@ApplicationScoped
public class WorfBenchScorer implements TaskScorer {

  public static final String FAMILY = "worfbench";
  public static final String PRIMARY = "f1_score";

  private final ScoringMode mode;
  private final SentenceSimilarity similarity;
  private volatile WorkflowEvaluator evaluator;

  @Inject
  public WorfBenchScorer(ScorersConfig config) {
    this(null, config.worfbenchMode());
  }

  /**
   * A scorer on the given similarity (null: the shared MiniLM model, loaded on first score).
   *
   * @param similarity sentence similarity, or null
   * @param mode parity or corrected
   */
  public WorfBenchScorer(SentenceSimilarity similarity, ScoringMode mode) {
    this.similarity = similarity;
    this.mode = mode;
  }

  @Override
  public String family() {
    return FAMILY;
  }

  public ScoringMode mode() {
    return mode;
  }

  @Override
  public SampleScore score(SampleInput sample) {
    WorfBenchReference ref = WorfBenchReference.parse(sample.reference());
    String output = sample.rawOutput() == null ? "" : sample.rawOutput();
    Optional<WorkflowGraph> pred =
        WorkflowParser.parse(WorkflowParser.applyStops(output, mode), mode);
    Optional<WorkflowGraph> gold = WorkflowParser.parse(ref.gold(), mode);
    if (pred.isEmpty() || gold.isEmpty()) {
      return result(Prf.ZERO, Prf.ZERO, pred.isPresent());
    }
    WorkflowEvaluator ev = evaluator();
    return result(
        ev.nodeScore(pred.get(), gold.get()), ev.graphScore(pred.get(), gold.get()), true);
  }

  private static SampleScore result(Prf node, Prf graph, boolean parsed) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(PRIMARY, node.f1());
    m.put("precision", node.precision());
    m.put("recall", node.recall());
    m.put("graph_f1", graph.f1());
    m.put("graph_precision", graph.precision());
    m.put("graph_recall", graph.recall());
    m.put("parsed", parsed ? 1.0 : 0.0);
    return new SampleScore(PRIMARY, m);
  }

  private WorkflowEvaluator evaluator() {
    WorkflowEvaluator ev = evaluator;
    if (ev == null) {
      SentenceSimilarity sim =
          similarity != null ? similarity : new SentenceSimilarity(MiniLmSentenceEmbedder.shared());
      ev = new WorkflowEvaluator(sim, mode);
      evaluator = ev;
    }
    return ev;
  }
}
