package io.acbench.metrics.verdict;

import io.acbench.metrics.statistics.Capabilities;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A threshold key, {@code RULE[:SELECTOR][#METRIC]}:
 *
 * <ul>
 *   <li>RULE: {@code min-score} (score ≥ value), {@code max-drop} (base − score ≤ value) or {@code
 *       max-relative-drop} ((base − score) / base ≤ value);
 *   <li>SELECTOR: omitted or {@code *} for every task, a capability ({@code action-execution},
 *       {@code workflow}, {@code long-context}, {@code real-world}), a task family ({@code teval})
 *       or a task id ({@code teval/plan_str}); the most specific selector wins;
 *   <li>METRIC: a task-level metric name; omitted, the task's score (its primary metric).
 * </ul>
 *
 * @param specificity 0 global, 1 capability, 2 family, 3 task id
 */
public record ThresholdKey(Rule rule, String selector, String metric, int specificity) {

  private static final Pattern SYNTAX = Pattern.compile("([a-z-]+)(?::([^#]+))?(?:#(.+))?");

  /** The rules a threshold can set. */
  public enum Rule {
    MIN_SCORE("min-score"),
    MAX_DROP("max-drop"),
    MAX_RELATIVE_DROP("max-relative-drop");

    private final String key;

    Rule(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    /** Whether the rule compares with the base model's score. */
    public boolean relativeToBase() {
      return this != MIN_SCORE;
    }
  }

  /** Parses a key; fails naming the key and the rule it breaks. */
  public static ThresholdKey parse(String key) {
    Matcher m = SYNTAX.matcher(key.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "thresholds key '" + key + "': expected RULE[:SELECTOR][#METRIC]");
    }
    Rule rule =
        Arrays.stream(Rule.values())
            .filter(r -> r.key.equals(m.group(1)))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "thresholds key '"
                            + key
                            + "': rule must be min-score, max-drop or max-relative-drop"));
    String selector = m.group(2) == null ? "*" : m.group(2);
    String metric = m.group(3) == null ? "" : m.group(3);
    int specificity;
    if (selector.equals("*")) {
      specificity = 0;
    } else if (Capabilities.ORDER.contains(selector)) {
      specificity = 1;
    } else if (selector.contains("/")) {
      specificity = 3;
    } else {
      specificity = 2;
    }
    return new ThresholdKey(rule, selector, metric, specificity);
  }

  /** Whether this key's selector covers {@code taskId}. */
  public boolean matches(String taskId) {
    return switch (specificity) {
      case 0 -> true;
      case 1 -> selector.equals(Capabilities.capabilityOf(taskId));
      case 2 -> selector.equals(Capabilities.family(taskId));
      default -> selector.equals(taskId);
    };
  }
}
