package io.acbench.metrics.ingest;

import io.acbench.contracts.events.CompressionFailed;
import io.acbench.contracts.events.EvaluationRequested;
import io.acbench.contracts.events.ProbeCompleted;
import io.acbench.contracts.events.SampleCompleted;
import io.acbench.contracts.events.TaskCompleted;
import java.util.HashSet;
import java.util.Set;

/** Field rules the event records do not enforce; each failure names the event, field and rule. */
final class EventChecks {

  private EventChecks() {}

  static void sample(SampleCompleted e) {
    String where = "acbench.sample.completed " + e.naturalKey();
    notBlank(where, "variantId", e.variantId());
    notBlank(where, "taskId", e.taskId());
    notBlank(where, "sampleId", e.sampleId());
    nonNegative(where, "promptTokens", e.promptTokens());
    nonNegative(where, "completionTokens", e.completionTokens());
    nonNegative(where, "latencyMillis", e.latencyMillis());
  }

  static void task(TaskCompleted e) {
    String where = "acbench.task.completed " + e.naturalKey();
    notBlank(where, "variantId", e.variantId());
    notBlank(where, "taskId", e.taskId());
    if (!e.status().equals("COMPLETED") && !e.status().equals("FAILED")) {
      throw new IllegalArgumentException(
          where + ": field 'status' must be COMPLETED or FAILED, was " + e.status());
    }
    nonNegative(where, "sampleCount", e.sampleCount());
  }

  static void probe(ProbeCompleted e) {
    String where = "acbench.probe.completed " + e.naturalKey();
    notBlank(where, "variantId", e.variantId());
    notBlank(where, "probeSetId", e.probeSetId());
    if (!e.succeeded()) {
      notBlank(where, "error", e.error());
      if (e.resultUri() != null || e.resultDigest() != null) {
        throw new IllegalArgumentException(
            where + ": a failed probe (field 'error' set) must not carry resultUri/resultDigest");
      }
      return;
    }
    notBlank(where, "resultUri", e.resultUri());
    notBlank(where, "resultDigest", e.resultDigest());
    nonNegative(where, "sequenceCount", e.sequenceCount());
    nonNegative(where, "positionCount", e.positionCount());
  }

  static void compressionFailed(CompressionFailed e) {
    String where = "acbench.compression.failed " + e.naturalKey();
    notBlank(where, "variantId", e.variantId());
    notBlank(where, "reason", e.reason());
  }

  static void evaluation(EvaluationRequested e) {
    String where = "acbench.evaluation.requested " + e.evaluationId();
    if (e.taskIds().isEmpty()) {
      throw new IllegalArgumentException(where + ": field 'taskIds' must not be empty");
    }
    Set<String> seen = new HashSet<>();
    e.variants()
        .forEach(
            v -> {
              notBlank(where, "variants[].variantId", v.variantId());
              if (!seen.add(v.variantId())) {
                throw new IllegalArgumentException(
                    where + ": field 'variants' repeats variantId " + v.variantId());
              }
            });
    if (e.probeSetId() != null) {
      notBlank(where, "probeSetId", e.probeSetId());
    }
    if (new HashSet<>(e.taskIds()).size() != e.taskIds().size()) {
      throw new IllegalArgumentException(where + ": field 'taskIds' repeats a task");
    }
  }

  private static void notBlank(String where, String field, String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(where + ": field '" + field + "' must not be blank");
    }
  }

  private static void nonNegative(String where, String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(
          where + ": field '" + field + "' must be >= 0, was " + value);
    }
  }
}
