package io.acbench.metrics.verdict;

import java.util.Map;

/** The capability of each task family (benchmark-spec.md §1.1). */
public final class Capabilities {

  private static final Map<String, String> BY_FAMILY =
      Map.of(
          "teval", "action-execution",
          "worfbench", "workflow",
          "longbench", "long-context",
          "longgenbench", "long-context",
          "niah", "long-context",
          "needle", "long-context",
          "agentboard", "real-world");

  private Capabilities() {}

  public static String family(String taskId) {
    int slash = taskId.indexOf('/');
    return slash < 0 ? taskId : taskId.substring(0, slash);
  }

  /** The capability of a task, or {@code other} for a family not in the benchmark. */
  public static String of(String taskId) {
    return BY_FAMILY.getOrDefault(family(taskId), "other");
  }

  public static boolean isCapability(String name) {
    return BY_FAMILY.containsValue(name) || name.equals("other");
  }
}
