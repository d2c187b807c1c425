package io.acbench.metrics.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Idempotent writes of incoming events, one transaction each. A row is looked up by its natural
 * key: absent, it is inserted together with the event id in {@code processed_events}; present with
 * the same content, nothing changes ({@link IngestOutcome#DUPLICATE}); present with other content,
 * a {@link ConflictingEventException} names the fields that differ and the stored row stays.
 */
public class IngestRepository {

  private final DataSource dataSource;

  public IngestRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public IngestOutcome saveSample(SampleRecord s) {
    return retryingRace(
        c -> {
          Optional<SampleRecord> stored =
              StoreRows.sample(c, s.evaluationId(), s.variantId(), s.taskId(), s.sampleId());
          if (stored.isPresent()) {
            return duplicateOrConflict(
                "sample", s.naturalKey(), stored.get().content(), s.content());
          }
          Jdbc.update(
              c,
              "INSERT INTO samples (evaluation_id, variant_id, task_id, sample_id, event_id,"
                  + " prompt_digest, raw_output, parsed_output, reference, prompt_tokens,"
                  + " completion_tokens, latency_millis, primary_metric, score, metrics_json,"
                  + " scoring_error, occurred_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
              s.evaluationId(),
              s.variantId(),
              s.taskId(),
              s.sampleId(),
              s.eventId(),
              s.promptDigest(),
              s.rawOutput(),
              s.parsedOutput(),
              s.reference(),
              s.promptTokens(),
              s.completionTokens(),
              s.latencyMillis(),
              s.primaryMetric(),
              s.score(),
              StoreJson.write(s.metrics()),
              s.scoringError(),
              s.occurredAt());
          return recordEvent(c, s.eventId(), "acbench.sample.completed", s.naturalKey());
        });
  }

  public IngestOutcome saveTaskRun(TaskRunRecord t) {
    return retryingRace(
        c -> {
          Optional<TaskRunRecord> stored =
              StoreRows.taskRun(c, t.evaluationId(), t.variantId(), t.taskId());
          if (stored.isPresent()) {
            return duplicateOrConflict("task", t.naturalKey(), stored.get().content(), t.content());
          }
          Jdbc.update(
              c,
              "INSERT INTO task_runs (evaluation_id, variant_id, task_id, event_id, status,"
                  + " sample_count, failure_reason, occurred_at) VALUES (?,?,?,?,?,?,?,?)",
              t.evaluationId(),
              t.variantId(),
              t.taskId(),
              t.eventId(),
              t.status(),
              t.sampleCount(),
              t.failureReason(),
              t.occurredAt());
          return recordEvent(c, t.eventId(), "acbench.task.completed", t.naturalKey());
        });
  }

  public IngestOutcome saveProbe(ProbeRecord p) {
    return retryingRace(
        c -> {
          Optional<ProbeRecord> stored =
              StoreRows.probes(c, p.evaluationId()).stream()
                  .filter(
                      r ->
                          r.variantId().equals(p.variantId())
                              && r.probeSetId().equals(p.probeSetId()))
                  .findFirst();
          if (stored.isPresent()) {
            return duplicateOrConflict(
                "probe", p.naturalKey(), stored.get().content(), p.content());
          }
          Jdbc.update(
              c,
              "INSERT INTO probe_results (evaluation_id, variant_id, probe_set_id, event_id,"
                  + " result_uri, result_digest, sequence_count, position_count, occurred_at,"
                  + " error) VALUES (?,?,?,?,?,?,?,?,?,?)",
              p.evaluationId(),
              p.variantId(),
              p.probeSetId(),
              p.eventId(),
              p.resultUri(),
              p.resultDigest(),
              p.sequenceCount(),
              p.positionCount(),
              p.occurredAt(),
              p.error());
          return recordEvent(c, p.eventId(), "acbench.probe.completed", p.naturalKey());
        });
  }

  public IngestOutcome saveCompressionFailure(CompressionFailureRecord f) {
    return retryingRace(
        c -> {
          Optional<CompressionFailureRecord> stored =
              StoreRows.compressionFailures(c, f.evaluationId()).stream()
                  .filter(r -> r.variantId().equals(f.variantId()))
                  .findFirst();
          if (stored.isPresent()) {
            return duplicateOrConflict(
                "compression failure", f.naturalKey(), stored.get().content(), f.content());
          }
          Jdbc.update(
              c,
              "INSERT INTO compression_failures (evaluation_id, variant_id, event_id, reason,"
                  + " retryable, occurred_at) VALUES (?,?,?,?,?,?)",
              f.evaluationId(),
              f.variantId(),
              f.eventId(),
              f.reason(),
              f.retryable(),
              f.occurredAt());
          return recordEvent(c, f.eventId(), "acbench.compression.failed", f.naturalKey());
        });
  }

  public IngestOutcome saveEvaluation(EvaluationRecord e) {
    return retryingRace(
        c -> {
          Optional<EvaluationRecord> stored = StoreRows.evaluation(c, e.evaluationId());
          if (stored.isPresent()) {
            return duplicateOrConflict(
                "evaluation", e.evaluationId(), stored.get().content(), e.content());
          }
          Jdbc.update(
              c,
              "INSERT INTO evaluations (evaluation_id, event_id, model_name, base_model_uri,"
                  + " policy_json, requested_at, probe_set_id) VALUES (?,?,?,?,?,?,?)",
              e.evaluationId(),
              e.eventId(),
              e.modelName(),
              e.baseModelUri(),
              StoreJson.write(e.policy()),
              e.requestedAt(),
              e.probeSetId());
          for (EvaluationRecord.Variant v : e.variants()) {
            Jdbc.update(
                c,
                "INSERT INTO variants (evaluation_id, variant_id, method, parameters_json)"
                    + " VALUES (?,?,?,?)",
                e.evaluationId(),
                v.variantId(),
                v.method(),
                StoreJson.write(v.parameters()));
          }
          for (String task : e.taskIds()) {
            Jdbc.update(
                c,
                "INSERT INTO evaluation_tasks (evaluation_id, task_id) VALUES (?,?)",
                e.evaluationId(),
                task);
          }
          return recordEvent(c, e.eventId(), "acbench.evaluation.requested", e.evaluationId());
        });
  }

  /**
   * Runs an idempotent insert; when a concurrent writer (another replica) inserted the same key
   * between our read and our insert, the unique violation rolls back and a second attempt reads
   * that row and answers duplicate or conflict.
   */
  private IngestOutcome retryingRace(Jdbc.Work<IngestOutcome> work) {
    try {
      return Jdbc.inTransaction(dataSource, work);
    } catch (StoreException e) {
      if (e.getCause() instanceof java.sql.SQLException s && Jdbc.isUniqueViolation(s)) {
        return Jdbc.inTransaction(dataSource, work);
      }
      throw e;
    }
  }

  private static IngestOutcome duplicateOrConflict(
      String what, String key, Map<String, Object> stored, Map<String, Object> incoming) {
    List<String> differing = new ArrayList<>();
    stored.forEach(
        (field, value) -> {
          if (!Objects.equals(value, incoming.get(field))) {
            differing.add(field);
          }
        });
    if (differing.isEmpty()) {
      return IngestOutcome.DUPLICATE;
    }
    throw new ConflictingEventException(
        "conflicting duplicate of "
            + what
            + " "
            + key
            + ": field(s) "
            + String.join(", ", differing)
            + " differ from the stored row, which is kept");
  }

  private static IngestOutcome recordEvent(Connection c, String eventId, String topic, String key)
      throws SQLException {
    boolean seen =
        Jdbc.queryOne(
                c,
                "SELECT natural_key FROM processed_events WHERE event_id = ?",
                (ResultSet rs) -> rs.getString(1),
                eventId)
            .isPresent();
    if (seen) {
      throw new ConflictingEventException(
          "event id " + eventId + " was already used for another " + topic + " than " + key);
    }
    Jdbc.update(
        c,
        "INSERT INTO processed_events (event_id, topic, natural_key) VALUES (?,?,?)",
        eventId,
        topic,
        key);
    return IngestOutcome.STORED;
  }
}
