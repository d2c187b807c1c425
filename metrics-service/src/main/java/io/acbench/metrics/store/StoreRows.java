package io.acbench.metrics.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Row reads shared by the repositories, inside a caller's transaction. */
final class StoreRows {

  static final String SAMPLE_COLUMNS =
      "evaluation_id, variant_id, task_id, sample_id, event_id, prompt_digest, raw_output,"
          + " parsed_output, reference, prompt_tokens, completion_tokens, latency_millis,"
          + " primary_metric, score, metrics_json, scoring_error, occurred_at";

  private StoreRows() {}

  static Optional<EvaluationRecord> evaluation(Connection c, String evaluationId)
      throws SQLException {
    Optional<EvaluationRecord> head =
        Jdbc.queryOne(
            c,
            "SELECT * FROM evaluations WHERE evaluation_id = ?",
            rs ->
                new EvaluationRecord(
                    rs.getString("evaluation_id"),
                    rs.getString("event_id"),
                    rs.getString("model_name"),
                    rs.getString("base_model_uri"),
                    StoreJson.readDoubles(rs.getString("policy_json")),
                    Jdbc.instant(rs, "requested_at"),
                    List.of(),
                    List.of(),
                    rs.getString("probe_set_id")),
            evaluationId);
    if (head.isEmpty()) {
      return head;
    }
    List<EvaluationRecord.Variant> variants =
        Jdbc.query(
            c,
            "SELECT variant_id, method, parameters_json FROM variants WHERE evaluation_id = ?"
                + " ORDER BY variant_id",
            rs ->
                new EvaluationRecord.Variant(
                    rs.getString(1), rs.getString(2), StoreJson.readStrings(rs.getString(3))),
            evaluationId);
    List<String> tasks =
        Jdbc.query(
            c,
            "SELECT task_id FROM evaluation_tasks WHERE evaluation_id = ? ORDER BY task_id",
            rs -> rs.getString(1),
            evaluationId);
    EvaluationRecord e = head.get();
    return Optional.of(
        new EvaluationRecord(
            e.evaluationId(),
            e.eventId(),
            e.modelName(),
            e.baseModelUri(),
            e.policy(),
            e.requestedAt(),
            variants,
            tasks,
            e.probeSetId()));
  }

  static Optional<TaskRunRecord> taskRun(
      Connection c, String evaluationId, String variantId, String taskId) throws SQLException {
    return Jdbc.queryOne(
        c,
        "SELECT * FROM task_runs WHERE evaluation_id = ? AND variant_id = ? AND task_id = ?",
        rs ->
            new TaskRunRecord(
                rs.getString("evaluation_id"),
                rs.getString("variant_id"),
                rs.getString("task_id"),
                rs.getString("event_id"),
                rs.getString("status"),
                rs.getInt("sample_count"),
                rs.getString("failure_reason"),
                Jdbc.instant(rs, "occurred_at")),
        evaluationId,
        variantId,
        taskId);
  }

  static Optional<SampleRecord> sample(
      Connection c, String evaluationId, String variantId, String taskId, String sampleId)
      throws SQLException {
    return Jdbc.queryOne(
        c,
        "SELECT "
            + SAMPLE_COLUMNS
            + " FROM samples WHERE evaluation_id = ? AND variant_id = ? AND task_id = ?"
            + " AND sample_id = ?",
        StoreRows::sampleRow,
        evaluationId,
        variantId,
        taskId,
        sampleId);
  }

  static List<ProbeRecord> probes(Connection c, String evaluationId) throws SQLException {
    return Jdbc.query(
        c,
        "SELECT * FROM probe_results WHERE evaluation_id = ? ORDER BY variant_id, probe_set_id",
        rs ->
            new ProbeRecord(
                rs.getString("evaluation_id"),
                rs.getString("variant_id"),
                rs.getString("probe_set_id"),
                rs.getString("event_id"),
                rs.getString("result_uri"),
                rs.getString("result_digest"),
                rs.getInt("sequence_count"),
                rs.getInt("position_count"),
                Jdbc.instant(rs, "occurred_at"),
                rs.getString("error")),
        evaluationId);
  }

  static List<CompressionFailureRecord> compressionFailures(Connection c, String evaluationId)
      throws SQLException {
    return Jdbc.query(
        c,
        "SELECT * FROM compression_failures WHERE evaluation_id = ? ORDER BY variant_id",
        rs ->
            new CompressionFailureRecord(
                rs.getString("evaluation_id"),
                rs.getString("variant_id"),
                rs.getString("event_id"),
                rs.getString("reason"),
                rs.getBoolean("retryable"),
                Jdbc.instant(rs, "occurred_at")),
        evaluationId);
  }

  static OutboxMessage outboxRow(ResultSet rs) throws SQLException {
    return new OutboxMessage(
        rs.getLong("seq"),
        rs.getString("event_id"),
        rs.getString("topic"),
        rs.getString("event_key"),
        rs.getString("payload"),
        Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "sent_at"));
  }

  static ProbeAnalysisRecord probeAnalysisRow(ResultSet rs) throws SQLException {
    return new ProbeAnalysisRecord(
        rs.getString("evaluation_id"),
        rs.getString("variant_id"),
        rs.getString("probe_set_id"),
        rs.getString("status"),
        Jdbc.nullableDouble(rs, "erank"),
        Jdbc.nullableDouble(rs, "diff_erank"),
        Jdbc.nullableDouble(rs, "mean_kl"),
        rs.getString("result_json"),
        rs.getString("failure_reason"));
  }

  static SampleRecord sampleRow(ResultSet rs) throws SQLException {
    return new SampleRecord(
        rs.getString("evaluation_id"),
        rs.getString("variant_id"),
        rs.getString("task_id"),
        rs.getString("sample_id"),
        rs.getString("event_id"),
        rs.getString("prompt_digest"),
        rs.getString("raw_output"),
        rs.getString("parsed_output"),
        rs.getString("reference"),
        rs.getInt("prompt_tokens"),
        rs.getInt("completion_tokens"),
        rs.getLong("latency_millis"),
        rs.getString("primary_metric"),
        Jdbc.nullableDouble(rs, "score"),
        StoreJson.readDoubles(rs.getString("metrics_json")),
        rs.getString("scoring_error"),
        Jdbc.instant(rs, "occurred_at"));
  }

  static TaskResultRecord taskResultRow(ResultSet rs) throws SQLException {
    return new TaskResultRecord(
        rs.getString("evaluation_id"),
        rs.getString("variant_id"),
        rs.getString("task_id"),
        rs.getString("status"),
        rs.getString("primary_metric"),
        Jdbc.nullableDouble(rs, "score"),
        Jdbc.nullableDouble(rs, "ci_low"),
        Jdbc.nullableDouble(rs, "ci_high"),
        rs.getInt("sample_count"),
        StoreJson.readDoubles(rs.getString("metrics_json")),
        rs.getString("failure_reason"));
  }
}
