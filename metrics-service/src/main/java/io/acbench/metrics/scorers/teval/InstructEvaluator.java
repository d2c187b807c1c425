package io.acbench.metrics.scorers.teval;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * T-Eval instruct-following (benchmark-spec §3.2, {@code InstructEvaluator}). Per record: {@code
 * <fmt>_format_metric} = 1 if parsed else 0 and {@code <fmt>_args_em_metric} = (1[action = gt] +
 * Σ_{k∈gt.args} 1[pred.args.get(k, "") == gt.args[k]]) / (|gt.args| + 1), typed equality (B8), with
 * fmt = {@code json} or {@code string}; primary {@code instruct} = (format + args_em) / 2.
 */
public final class InstructEvaluator {

  private InstructEvaluator() {}

  /** A parsed answer. */
  record Parsed(Object action, Map<?, ?> args) {}

  /**
   * Scores one instruct record.
   *
   * @param pred post-processed model output
   * @param fallback format from the task id, used when the reference has no response_format
   */
  public static Map<String, Double> score(
      String pred, TevalReference ref, TevalTask.Format fallback) {
    boolean json = isJson(ref.responseFormat(), fallback);
    String prefix = json ? "json" : "string";
    Map<?, ?> template = ref.template();
    Parsed parsed = json ? parseJson(pred, template) : parseString(pred, template);
    double format = parsed == null ? 0 : 1;
    double em = parsed == null ? 0 : argsEm(ref, parsed);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("instruct", (format + em) / 2);
    m.put(prefix + "_format_metric", format);
    m.put(prefix + "_args_em_metric", em);
    return m;
  }

  private static boolean isJson(String responseFormat, TevalTask.Format fallback) {
    if (responseFormat != null) {
      return responseFormat.equals("json");
    }
    if (fallback == TevalTask.Format.MIXED) {
      throw new IllegalArgumentException(
          "reference.meta_data.response_format: required for task teval/instruct");
    }
    return fallback == TevalTask.Format.JSON;
  }

  static double argsEm(TevalReference ref, Parsed p) {
    if (!(ref.groundTruth() instanceof Map<?, ?> gt) || !(gt.get("args") instanceof Map<?, ?> ga)) {
      throw new IllegalArgumentException(
          "reference.ground_truth: required object with 'action' and an 'args' object");
    }
    double cnt = PyValues.pyEquals(gt.get("action"), p.action()) ? 1 : 0;
    for (Map.Entry<?, ?> e : ga.entrySet()) {
      Object pv = p.args().containsKey(e.getKey()) ? p.args().get(e.getKey()) : "";
      if (PyValues.pyEquals(pv, e.getValue())) {
        cnt++;
      }
    }
    return cnt / (ga.size() + 1);
  }

  /** format_load(pred), then the template's key names; any failure → null. */
  static Parsed parseJson(String pred, Map<?, ?> template) {
    Object v = FormatLoader.load(pred, null, null).orElse(null);
    if (!(v instanceof Map<?, ?> m)) {
      return null;
    }
    Object thought = template.get("thought");
    Object action = template.get("action");
    Object args = template.get("args");
    if (!m.containsKey(thought) || !m.containsKey(action) || !m.containsKey(args)) {
      return null;
    }
    return new Parsed(m.get(action), m.get(args) instanceof Map<?, ?> a ? a : Map.of());
  }

  /**
   * Regex thought_start(.*)thought_end action_start(.*)action_end args_start(.*)args_end, DOTALL,
   * pieces not escaped (B8); args read as a Python literal (non-dict or failure → {}).
   */
  static Parsed parseString(String pred, Map<?, ?> template) {
    String[] keys = {
      "thought_start", "thought_end", "action_start", "action_end", "args_start", "args_end"
    };
    String[] piece = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      if (!(template.get(keys[i]) instanceof String s)) {
        throw new IllegalArgumentException("reference.template." + keys[i] + ": required string");
      }
      piece[i] = s;
    }
    Matcher m;
    try {
      String re =
          piece[0] + "(.*)" + piece[1] + piece[2] + "(.*)" + piece[3] + piece[4] + "(.*)"
              + piece[5];
      m = Pattern.compile(re, Pattern.DOTALL).matcher(pred);
    } catch (PatternSyntaxException e) {
      return null;
    }
    if (!m.find()) {
      return null;
    }
    Map<?, ?> args;
    try {
      args = PyLiteral.parse(m.group(3).strip()) instanceof Map<?, ?> a ? a : Map.of();
    } catch (IllegalArgumentException e) {
      args = Map.of();
    }
    return new Parsed(m.group(2).strip(), args);
  }
}
