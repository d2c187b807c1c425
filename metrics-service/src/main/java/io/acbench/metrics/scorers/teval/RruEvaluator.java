package io.acbench.metrics.scorers.teval;

import io.acbench.metrics.scorers.common.SentenceSimilarity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * T-Eval reason, retrieve and understand ({@code ReasonRetrieveUnderstandEvaluator}), in the string
 * files (one field each) and the combined JSON file ({@code rru_json}: all three).
 *
 * <ul>
 *   <li>thought: S1 cosine (clipped at 0) of pred.thought and gt.thought.
 *   <li>name, string form: 1 when gt.name occurs in the output and every {@code \w+\.\w+} token and
 *       every "FinishAction" in it equals gt.name; JSON form: exact equality.
 *   <li>args, string form: output with ' then " stripped from both ends == str(gt.args) (B8); JSON
 *       form: Σ_k 1[k ∈ pred and str(pred[k]) == str(gt[k])] / (|gt| + 1e-5), both empty → 1, gt
 *       empty and pred not → 0.
 * </ul>
 */
public final class RruEvaluator {

  private static final Pattern A_DOT_B =
      Pattern.compile("\\w+\\.\\w+|FinishAction", Pattern.UNICODE_CHARACTER_CLASS);

  private final SentenceSimilarity similarity;

  public RruEvaluator(SentenceSimilarity similarity) {
    this.similarity = similarity;
  }

  /** The string files: the whole output is the one predicted field of this dimension. */
  public Map<String, Double> scoreStr(String pred, TevalReference ref, TevalTask.Dimension dim) {
    Map<String, Object> gt = prepare(ref.loadedGroundTruth("{", "}"), false);
    Map<String, Double> m = new LinkedHashMap<>();
    switch (dim) {
      case REASON ->
          m.put("thought", gt == null ? 0 : similarity.similarity(pred, str(gt, "thought")));
      case RETRIEVE -> m.put("name", gt == null ? 0 : nameStr(pred, str(gt, "name")));
      case UNDERSTAND -> {
        String p = FormatLoader.stripChars(FormatLoader.stripChars(pred, "'"), "\"");
        m.put("args", gt != null && p.equals(str(gt, "args")) ? 1.0 : 0.0);
      }
      default -> throw new IllegalArgumentException("dimension " + dim + " has no string form");
    }
    m.put("parse_rate", 1.0);
    return m;
  }

  /** The combined JSON file: thought, name and args of one dict answer. */
  public Map<String, Double> scoreJson(String pred, TevalReference ref) {
    Map<String, Object> gt = prepare(ref.loadedGroundTruth("{", "}"), true);
    Map<String, Object> p = prepare(FormatLoader.load(pred, "{", "}").orElse(null), true);
    Map<String, Double> m = new LinkedHashMap<>();
    if (gt == null || p == null) {
      m.put("thought", 0.0);
      m.put("name", 0.0);
      m.put("args", 0.0);
      m.put("parse_rate", 0.0);
      return m;
    }
    m.put("thought", similarity.similarity(str(p, "thought"), str(gt, "thought")));
    m.put("name", str(p, "name").equals(str(gt, "name")) ? 1.0 : 0.0);
    m.put("args", argsScore((Map<?, ?>) p.get("args"), (Map<?, ?>) gt.get("args")));
    m.put("parse_rate", 1.0);
    return m;
  }

  static double nameStr(String pred, String gtName) {
    if (!pred.contains(gtName)) {
      return 0;
    }
    Matcher m = A_DOT_B.matcher(pred);
    while (m.find()) {
      if (!m.group().equals(gtName)) {
        return 0;
      }
    }
    return 1;
  }

  static double argsScore(Map<?, ?> pred, Map<?, ?> gt) {
    if (gt.isEmpty()) {
      return pred.isEmpty() ? 1 : 0;
    }
    double hit = 0;
    for (Map.Entry<?, ?> e : gt.entrySet()) {
      if (pred.containsKey(e.getKey())
          && PyValues.str(pred.get(e.getKey())).equals(PyValues.str(e.getValue()))) {
        hit++;
      }
    }
    return hit / (gt.size() + 1e-5);
  }

  /**
   * The evaluator's {@code format_load} preparation of a loaded value: null unless a dict; thought
   * and name as str (missing → ""); args a dict (JSON form, else {}) or str(args) (string form).
   */
  static Map<String, Object> prepare(Object loaded, boolean json) {
    if (!(loaded instanceof Map<?, ?> d)) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("thought", d.containsKey("thought") ? PyValues.str(d.get("thought")) : "");
    out.put("name", d.containsKey("name") ? PyValues.str(d.get("name")) : "");
    if (json) {
      out.put("args", d.get("args") instanceof Map<?, ?> a ? a : Map.of());
    } else {
      out.put("args", d.containsKey("args") ? PyValues.str(d.get("args")) : "");
    }
    return out;
  }

  private static String str(Map<String, Object> m, String key) {
    return (String) m.get(key);
  }
}
