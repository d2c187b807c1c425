package io.acbench.metrics.verdict;

import io.acbench.contracts.events.VariantVerdict;
import io.acbench.metrics.store.EvaluationRecord;
import io.acbench.metrics.store.TaskResultRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the task results of an evaluation into a verdict per variant. A variant passes when every
 * task is scored and every check of the policy holds. Checks against the base ({@code max-drop},
 * {@code max-relative-drop}) do not apply to the base itself; a relative drop against a base score
 * of 0 is not defined, so there only {@code score >= base} is required.
 */
public final class VerdictEngine {

  /** Verdicts and the evaluation's status. */
  public record Outcome(String status, List<VariantVerdict> verdicts) {}

  public static final String PASSED = "PASSED";
  public static final String FAILED = "FAILED";
  public static final String ERROR = "ERROR";

  private VerdictEngine() {}

  /** The outcome of an evaluation whose variants were all built. */
  public static Outcome decide(
      EvaluationRecord evaluation, List<TaskResultRecord> results, VerdictPolicy policy) {
    return decide(evaluation, results, policy, Map.of());
  }

  /**
   * The outcome: {@code ERROR} when the base could not be built (nothing can be compared) or some
   * task could not be scored, else {@code FAILED} when some variant could not be built or broke the
   * policy, else {@code PASSED}.
   *
   * @param compressionFailures variant id → why the compressor could not build it; such a variant
   *     fails with {@code compression failed: <reason>} and its tasks are not looked at
   */
  public static Outcome decide(
      EvaluationRecord evaluation,
      List<TaskResultRecord> results,
      VerdictPolicy policy,
      Map<String, String> compressionFailures) {
    Map<String, TaskResultRecord> byKey = new HashMap<>();
    results.forEach(r -> byKey.put(r.variantId() + "\n" + r.taskId(), r));
    List<VariantVerdict> verdicts = new ArrayList<>();
    boolean error = compressionFailures.containsKey(EvaluationRecord.BASE);
    for (String variant : evaluation.variantIds()) {
      List<String> reasons = new ArrayList<>();
      String compression = compressionFailures.get(variant);
      if (compression != null) {
        verdicts.add(
            new VariantVerdict(variant, false, List.of("compression failed: " + compression)));
        continue;
      }
      for (String task : evaluation.taskIds()) {
        TaskResultRecord r = byKey.get(variant + "\n" + task);
        TaskResultRecord base = byKey.get(EvaluationRecord.BASE + "\n" + task);
        if (r == null || !r.scored()) {
          error = true;
          reasons.add(
              task + ": not scored (" + (r == null ? "no result" : r.failureReason()) + ")");
          continue;
        }
        for (VerdictPolicy.Check check : policy.checksFor(task)) {
          String failure = evaluate(check, variant, task, r, base);
          if (failure != null) {
            reasons.add(failure);
          }
        }
      }
      verdicts.add(new VariantVerdict(variant, reasons.isEmpty(), reasons));
    }
    String status =
        error ? ERROR : verdicts.stream().allMatch(VariantVerdict::passed) ? PASSED : FAILED;
    return new Outcome(status, verdicts);
  }

  private static String evaluate(
      VerdictPolicy.Check check,
      String variant,
      String task,
      TaskResultRecord r,
      TaskResultRecord base) {
    boolean isBase = variant.equals(EvaluationRecord.BASE);
    if (check.rule().relativeToBase() && isBase) {
      return null;
    }
    Double value = metric(r, check.metric());
    String name = check.metric().isEmpty() ? "score" : check.metric();
    if (value == null) {
      return task
          + ": "
          + check.key()
          + " needs metric "
          + name
          + ", which the task did not report";
    }
    if (check.rule() == ThresholdKey.Rule.MIN_SCORE) {
      return value >= check.limit()
          ? null
          : String.format(
              Locale.ROOT, "%s: %s %.4f < %s %.4f", task, name, value, check.key(), check.limit());
    }
    Double baseValue = base == null || !base.scored() ? null : metric(base, check.metric());
    if (baseValue == null) {
      return task + ": " + check.key() + " needs the base model's " + name + ", which is missing";
    }
    double drop = baseValue - value;
    if (check.rule() == ThresholdKey.Rule.MAX_DROP) {
      return drop <= check.limit()
          ? null
          : String.format(
              Locale.ROOT,
              "%s: %s dropped by %.4f (base %.4f, variant %.4f) > %s %.4f",
              task,
              name,
              drop,
              baseValue,
              value,
              check.key(),
              check.limit());
    }
    if (baseValue == 0) {
      return drop <= 0
          ? null
          : String.format(Locale.ROOT, "%s: %s fell below a base of 0 (%.4f)", task, name, value);
    }
    double relative = drop / baseValue;
    return relative <= check.limit()
        ? null
        : String.format(
            Locale.ROOT,
            "%s: %s dropped by %.2f%% (base %.4f, variant %.4f) > %s %.2f%%",
            task,
            name,
            100 * relative,
            baseValue,
            value,
            check.key(),
            100 * check.limit());
  }

  private static Double metric(TaskResultRecord r, String metric) {
    return metric.isEmpty() ? r.score() : r.metrics().get(metric);
  }
}
