package io.acbench.metrics.verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Thresholds by key ({@link ThresholdKey}): the configured defaults, overridden key by key by an
 * evaluation's {@code thresholds} map. For one task, each (rule, metric) pair takes the value of
 * its most specific matching key.
 */
public final class VerdictPolicy {

  private final Map<ThresholdKey, Double> thresholds;

  private VerdictPolicy(Map<ThresholdKey, Double> thresholds) {
    this.thresholds = thresholds;
  }

  /** A threshold that applies to a task. */
  public record Check(ThresholdKey.Rule rule, String metric, double limit, String key) {}

  /**
   * The policy of an evaluation.
   *
   * @param defaults {@code KEY=VALUE} entries from configuration
   * @param overrides the request's thresholds
   */
  public static VerdictPolicy of(List<String> defaults, Map<String, Double> overrides) {
    Map<String, Double> merged = new LinkedHashMap<>();
    for (String entry : defaults) {
      int eq = entry.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(
            "acbench.metrics.verdict.defaults entry '" + entry + "': expected KEY=VALUE");
      }
      merged.put(entry.substring(0, eq).trim(), Double.parseDouble(entry.substring(eq + 1)));
    }
    merged.putAll(overrides);
    Map<ThresholdKey, Double> parsed = new LinkedHashMap<>();
    merged.forEach((key, value) -> parsed.put(validate(key, value), value));
    return new VerdictPolicy(parsed);
  }

  /** Checks that a request's thresholds parse; throws naming the bad key. */
  public static void validate(Map<String, Double> thresholds) {
    thresholds.forEach(VerdictPolicy::validate);
  }

  private static ThresholdKey validate(String key, Double value) {
    ThresholdKey parsed = ThresholdKey.parse(key);
    if (value == null || !Double.isFinite(value)) {
      throw new IllegalArgumentException("thresholds key '" + key + "': value must be a number");
    }
    return parsed;
  }

  /** The checks of one task: per (rule, metric), the most specific matching threshold. */
  public List<Check> checksFor(String taskId) {
    Map<String, Map.Entry<ThresholdKey, Double>> best = new LinkedHashMap<>();
    thresholds.forEach(
        (key, value) -> {
          if (!key.matches(taskId)) {
            return;
          }
          String slot = key.rule() + "#" + key.metric();
          var current = best.get(slot);
          if (current == null || key.specificity() > current.getKey().specificity()) {
            best.put(slot, Map.entry(key, value));
          }
        });
    List<Check> checks = new ArrayList<>();
    best.values()
        .forEach(
            e ->
                checks.add(
                    new Check(
                        e.getKey().rule(),
                        e.getKey().metric(),
                        e.getValue(),
                        describe(e.getKey()))));
    return checks;
  }

  private static String describe(ThresholdKey k) {
    return k.rule().key()
        + (k.selector().equals("*") ? "" : ":" + k.selector())
        + (k.metric().isEmpty() ? "" : "#" + k.metric());
  }
}
