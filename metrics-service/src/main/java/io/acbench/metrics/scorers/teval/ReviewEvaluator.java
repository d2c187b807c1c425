package io.acbench.metrics.scorers.teval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * T-Eval review ({@code ReviewEvaluator}). String form: the text after the first ':' (all of it
 * when there is none), stripped; its first character is the answer when it is one of A–E, else
 * unparsed. JSON form: {@code format_load(pred)["is_finished"]}, which must be a boolean. {@code
 * review_quality} = 1 when the answer equals {@code ground_truth.answer}.
 */
public final class ReviewEvaluator {

  private ReviewEvaluator() {}

  public static Map<String, Double> score(String pred, TevalReference ref, boolean json) {
    if (!(ref.groundTruth() instanceof Map<?, ?> gt) || !gt.containsKey("answer")) {
      throw new IllegalArgumentException("reference.ground_truth.answer: required");
    }
    Object answer = json ? parseJson(pred) : parseString(pred);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(
        "review_quality", answer != null && PyValues.pyEquals(answer, gt.get("answer")) ? 1.0 : 0);
    m.put("parse_rate", answer != null ? 1.0 : 0);
    return m;
  }

  static String parseString(String pred) {
    String rest = pred.substring(pred.indexOf(':') + 1).strip();
    if (!rest.isEmpty() && "ABCDE".indexOf(rest.charAt(0)) >= 0) {
      return rest.substring(0, 1);
    }
    return null;
  }

  static Object parseJson(String pred) {
    if (FormatLoader.load(pred, null, null).orElse(null) instanceof Map<?, ?> m
        && m.containsKey("is_finished")) {
      Object v = m.get("is_finished");
      if (PyValues.pyEquals(v, true) || PyValues.pyEquals(v, false)) {
        return v;
      }
    }
    return null;
  }
}
