package io.acbench.metrics.statistics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups tasks into the four ACBench capabilities (benchmark-spec §1.1) by task family, the part of
 * the task id before '/': T-Eval → action execution, WorfBench → workflow, LongBench, LongGenBench
 * and Needle-in-a-Haystack → long context, AgentBoard → real world. A capability's score is the
 * unweighted mean of its tasks' scores.
 */
public final class Capabilities {

  public static final String ACTION_EXECUTION = "action-execution";
  public static final String WORKFLOW = "workflow";
  public static final String LONG_CONTEXT = "long-context";
  public static final String REAL_WORLD = "real-world";

  /** Capability of tasks whose family is not in the mapping. */
  public static final String OTHER = "other";

  private static final Map<String, String> DEFAULT_FAMILIES =
      Map.of(
          "teval", ACTION_EXECUTION,
          "worfbench", WORKFLOW,
          "longbench", LONG_CONTEXT,
          "longgenbench", LONG_CONTEXT,
          "needle", LONG_CONTEXT,
          "niah", LONG_CONTEXT,
          "agentboard", REAL_WORLD);

  /** The capabilities in the order of benchmark-spec §1.1. */
  public static final List<String> ORDER =
      List.of(ACTION_EXECUTION, WORKFLOW, LONG_CONTEXT, REAL_WORLD, OTHER);

  private Capabilities() {}

  /** The task family: the task id up to the first '/', or the whole id. */
  public static String family(String taskId) {
    int slash = taskId.indexOf('/');
    return slash < 0 ? taskId : taskId.substring(0, slash);
  }

  /** The capability of a task id, {@link #OTHER} for an unknown family. */
  public static String capabilityOf(String taskId) {
    return DEFAULT_FAMILIES.getOrDefault(family(taskId), OTHER);
  }

  /** Capability → tasks, in {@link #ORDER}, tasks sorted; capabilities without tasks are absent. */
  public static Map<String, List<String>> group(Iterable<String> taskIds) {
    Map<String, List<String>> byCapability = new TreeMap<>();
    for (String taskId : taskIds) {
      byCapability.computeIfAbsent(capabilityOf(taskId), k -> new ArrayList<>()).add(taskId);
    }
    Map<String, List<String>> ordered = new LinkedHashMap<>();
    for (String capability : ORDER) {
      List<String> tasks = byCapability.get(capability);
      if (tasks != null) {
        tasks.sort(null);
        ordered.put(capability, List.copyOf(tasks));
      }
    }
    return ordered;
  }

  /**
   * Per-capability scores: the unweighted mean of the task scores of each capability.
   *
   * @param taskScores task id → score of one variant
   * @return capability → score, in {@link #ORDER}
   */
  public static Map<String, Double> scores(Map<String, Double> taskScores) {
    Map<String, Double> result = new LinkedHashMap<>();
    group(taskScores.keySet())
        .forEach(
            (capability, tasks) ->
                result.put(
                    capability,
                    tasks.stream().mapToDouble(taskScores::get).average().orElseThrow()));
    return result;
  }
}
