package io.acbench.metrics.scorers.teval;

import io.acbench.metrics.scorers.common.MiniLmSentenceEmbedder;
import io.acbench.metrics.scorers.common.ScorersConfig;
import io.acbench.metrics.scorers.common.ScoringMode;
import io.acbench.metrics.scorers.common.SentenceSimilarity;
import io.acbench.metrics.scoring.TaskScorer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * T-Eval tool-use scorer (family {@code teval}, task ids {@code teval/<dimension>_<format>}, see
 * {@link TevalTask}). Per sample: {@code split_special_tokens} on the raw output, then the
 * dimension's parse and score. Reference JSON: see {@link TevalReference}. Task metrics: {@link
 * #aggregate}; the six-dimension table: {@link TevalSummary}.
 */
@ApplicationScoped
public class TevalScorer implements TaskScorer {

  public static final String FAMILY = "teval";

  private final ScoringMode mode;
  private final SentenceSimilarity similarity;
  private volatile SentenceSimilarity loaded;

  @Inject
  public TevalScorer(ScorersConfig config) {
    this(null, config.tevalMode());
  }

  /**
   * @param similarity sentence similarity, or null for the shared MiniLM model (loaded on first
   *     use)
   * @param mode parity (plan LIS floor, B1) or corrected
   */
  public TevalScorer(SentenceSimilarity similarity, ScoringMode mode) {
    this.similarity = similarity;
    this.mode = mode;
  }

  @Override
  public String family() {
    return FAMILY;
  }

  @Override
  public SampleScore score(SampleInput sample) {
    TevalTask task = TevalTask.of(sample.taskId());
    TevalReference ref = TevalReference.parse(sample.reference());
    String pred = FormatLoader.postProcess(sample.rawOutput());
    boolean json = task.format() == TevalTask.Format.JSON;
    Map<String, Double> metrics =
        switch (task.dimension()) {
          case INSTRUCT -> InstructEvaluator.score(pred, ref, task.format());
          case PLAN -> new PlanEvaluator(similarity(), mode.parity()).score(pred, ref, json);
          case REASON, RETRIEVE, UNDERSTAND ->
              new RruEvaluator(similarity()).scoreStr(pred, ref, task.dimension());
          case RRU -> new RruEvaluator(similarity()).scoreJson(pred, ref);
          case REVIEW -> ReviewEvaluator.score(pred, ref, json);
        };
    return new SampleScore(task.primary(), metrics);
  }

  /**
   * The reference's task numbers: each metric is the mean over the samples that carry it (an
   * instruct task mixes json_* and string_* samples); {@code instruct} becomes the mean over the
   * formats present of (format_metric + args_em_metric) / 2 (convert_results.py).
   */
  @Override
  public Map<String, Double> aggregate(List<SampleScore> samples) {
    Map<String, double[]> acc = new LinkedHashMap<>();
    for (SampleScore s : samples) {
      s.metrics()
          .forEach(
              (k, v) -> {
                double[] a = acc.computeIfAbsent(k, x -> new double[2]);
                a[0] += v;
                a[1]++;
              });
    }
    Map<String, Double> out = new LinkedHashMap<>();
    acc.forEach((k, a) -> out.put(k, a[0] / a[1]));
    if (out.containsKey("instruct")) {
      out.put("instruct", TevalSummary.instruct(out));
    }
    return out;
  }

  private SentenceSimilarity similarity() {
    if (similarity != null) {
      return similarity;
    }
    SentenceSimilarity s = loaded;
    if (s == null) {
      s = new SentenceSimilarity(MiniLmSentenceEmbedder.shared());
      loaded = s;
    }
    return s;
  }
}
