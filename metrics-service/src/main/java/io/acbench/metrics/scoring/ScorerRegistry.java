package io.acbench.metrics.scoring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The {@link TaskScorer} beans by family; a family is the part of a task id before '/'. */
@ApplicationScoped
public class ScorerRegistry {

  private final Map<String, TaskScorer> byFamily = new TreeMap<>();

  public ScorerRegistry(@Any Instance<TaskScorer> scorers) {
    for (TaskScorer scorer : scorers) {
      TaskScorer previous = byFamily.put(scorer.family(), scorer);
      if (previous != null) {
        throw new IllegalStateException(
            "two scorers for family "
                + scorer.family()
                + ": "
                + previous.getClass().getName()
                + " and "
                + scorer.getClass().getName());
      }
    }
  }

  /** The family of a task id: {@code teval} for {@code teval/plan_str}. */
  public static String family(String taskId) {
    int slash = taskId.indexOf('/');
    return slash < 0 ? taskId : taskId.substring(0, slash);
  }

  public Optional<TaskScorer> forTask(String taskId) {
    return Optional.ofNullable(byFamily.get(family(taskId)));
  }

  /** The reason given for a task whose family has no scorer. */
  public String unknownFamilyReason(String taskId) {
    return "no scorer for task family '"
        + family(taskId)
        + "' (task "
        + taskId
        + "); known families: "
        + byFamily.keySet();
  }
}
