package io.acbench.metrics.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Reads of the results store, and the writes of derived results (task aggregates, evaluation
 * outcomes, analysis documents). Derived results are written once: the first writer wins and a
 * second write of the same key reports {@code false}, so exactly one caller emits the event.
 */
public class ResultsRepository {

  private final DataSource dataSource;

  public ResultsRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public Optional<EvaluationRecord> evaluation(String evaluationId) {
    return Jdbc.inTransaction(dataSource, c -> StoreRows.evaluation(c, evaluationId));
  }

  public Optional<TaskRunRecord> taskRun(String evaluationId, String variantId, String taskId) {
    return Jdbc.inTransaction(
        dataSource, c -> StoreRows.taskRun(c, evaluationId, variantId, taskId));
  }

  /** The samples of a (variant, task), ordered by sample id. */
  public List<SampleRecord> samples(String evaluationId, String variantId, String taskId) {
    return Jdbc.inTransaction(
        dataSource,
        c ->
            Jdbc.query(
                c,
                "SELECT "
                    + StoreRows.SAMPLE_COLUMNS
                    + " FROM samples WHERE evaluation_id = ? AND variant_id = ? AND task_id = ?"
                    + " ORDER BY sample_id",
                StoreRows::sampleRow,
                evaluationId,
                variantId,
                taskId));
  }

  /** One page of an evaluation's samples, ordered by variant, task and sample id. */
  public List<SampleRecord> samplePage(
      String evaluationId, String variantId, String taskId, int offset, int limit) {
    return Jdbc.inTransaction(
        dataSource,
        c ->
            Jdbc.query(
                c,
                "SELECT "
                    + StoreRows.SAMPLE_COLUMNS
                    + " FROM samples WHERE evaluation_id = ? AND (CAST(? AS VARCHAR(200)) IS NULL OR variant_id = ?)"
                    + " AND (CAST(? AS VARCHAR(200)) IS NULL OR task_id = ?) ORDER BY variant_id, task_id, sample_id"
                    + " LIMIT ? OFFSET ?",
                StoreRows::sampleRow,
                evaluationId,
                variantId,
                variantId,
                taskId,
                taskId,
                limit,
                offset));
  }

  public int sampleCount(String evaluationId, String variantId, String taskId) {
    return Jdbc.inTransaction(
        dataSource,
        c ->
            Jdbc.queryOne(
                    c,
                    "SELECT COUNT(*) FROM samples WHERE evaluation_id = ? AND variant_id = ?"
                        + " AND task_id = ?",
                    rs -> rs.getInt(1),
                    evaluationId,
                    variantId,
                    taskId)
                .orElse(0));
  }

  public List<ProbeRecord> probes(String evaluationId) {
    return Jdbc.inTransaction(dataSource, c -> StoreRows.probes(c, evaluationId));
  }

  /** Variants of an evaluation the compressor could not build, ordered by variant. */
  public List<CompressionFailureRecord> compressionFailures(String evaluationId) {
    return Jdbc.inTransaction(dataSource, c -> StoreRows.compressionFailures(c, evaluationId));
  }

  /** Writes a probe analysis unless one exists for its key; true when this call wrote it. */
  public boolean saveProbeAnalysisOnce(ProbeAnalysisRecord a) {
    return insertOnce(
        null,
        "INSERT INTO probe_analyses (evaluation_id, variant_id, probe_set_id, status, erank,"
            + " diff_erank, mean_kl, result_json, failure_reason) VALUES (?,?,?,?,?,?,?,?,?)",
        a.evaluationId(),
        a.variantId(),
        a.probeSetId(),
        a.status(),
        a.erank(),
        a.diffERank(),
        a.meanKl(),
        a.resultJson(),
        a.failureReason());
  }

  /** Probe analyses of an evaluation, ordered by probe set and variant. */
  public List<ProbeAnalysisRecord> probeAnalyses(String evaluationId) {
    return Jdbc.inTransaction(
        dataSource,
        c ->
            Jdbc.query(
                c,
                "SELECT * FROM probe_analyses WHERE evaluation_id = ?"
                    + " ORDER BY probe_set_id, variant_id",
                StoreRows::probeAnalysisRow,
                evaluationId));
  }

  /** Task results of an evaluation, ordered by variant and task. */
  public List<TaskResultRecord> taskResults(String evaluationId) {
    return Jdbc.inTransaction(
        dataSource,
        c ->
            Jdbc.query(
                c,
                "SELECT * FROM task_results WHERE evaluation_id = ? ORDER BY variant_id, task_id",
                StoreRows::taskResultRow,
                evaluationId));
  }

  /** Writes a task result unless one exists; true when this call wrote it. */
  public boolean saveTaskResultOnce(TaskResultRecord r) {
    return saveTaskResultOnce(r, null);
  }

  /**
   * Writes a task result unless one exists, and in the same transaction the event it causes into
   * the outbox (when {@code event} is not null); true when this call wrote them.
   */
  public boolean saveTaskResultOnce(TaskResultRecord r, OutboxMessage event) {
    return insertOnce(
        event,
        "INSERT INTO task_results (evaluation_id, variant_id, task_id, status, primary_metric,"
            + " score, ci_low, ci_high, sample_count, metrics_json, failure_reason)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        r.evaluationId(),
        r.variantId(),
        r.taskId(),
        r.status(),
        r.primaryMetric(),
        r.score(),
        r.ciLow(),
        r.ciHigh(),
        r.sampleCount(),
        StoreJson.write(r.metrics()),
        r.failureReason());
  }

  /** Writes an evaluation's outcome unless one exists; true when this call wrote it. */
  public boolean saveEvaluationResultOnce(String evaluationId, String status, String verdicts) {
    return saveEvaluationResultOnce(evaluationId, status, verdicts, null);
  }

  /**
   * Writes an evaluation's outcome unless one exists, with the event it causes into the outbox in
   * the same transaction; true when this call wrote them.
   */
  public boolean saveEvaluationResultOnce(
      String evaluationId, String status, String verdicts, OutboxMessage event) {
    return insertOnce(
        event,
        "INSERT INTO evaluation_results (evaluation_id, status, verdicts_json) VALUES (?,?,?)",
        evaluationId,
        status,
        verdicts);
  }

  /** Adds an unsent message to the outbox on its own. */
  public void enqueue(OutboxMessage event) {
    Jdbc.inTransaction(dataSource, c -> insertOutbox(c, event));
  }

  /** Unsent outbox messages, oldest first. */
  public List<OutboxMessage> unsent(int limit) {
    return Jdbc.inTransaction(
        dataSource,
        c ->
            Jdbc.query(
                c,
                "SELECT * FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT ?",
                StoreRows::outboxRow,
                limit));
  }

  /** The outbox message with this event id, sent or not. */
  public Optional<OutboxMessage> outboxMessage(String eventId) {
    return Jdbc.inTransaction(
        dataSource,
        c ->
            Jdbc.queryOne(
                c, "SELECT * FROM outbox WHERE event_id = ?", StoreRows::outboxRow, eventId));
  }

  /** Stamps an outbox message as published. */
  public void markSent(String eventId, Instant at) {
    Jdbc.inTransaction(
        dataSource,
        c -> Jdbc.update(c, "UPDATE outbox SET sent_at = ? WHERE event_id = ?", at, eventId));
  }

  private static int insertOutbox(Connection c, OutboxMessage m) throws SQLException {
    return Jdbc.update(
        c,
        "INSERT INTO outbox (event_id, topic, event_key, payload, created_at) VALUES (?,?,?,?,?)",
        m.eventId(),
        m.topic(),
        m.key(),
        m.payload(),
        m.createdAt());
  }

  /** The stored outcome of an evaluation: status and verdicts JSON. */
  public Optional<Map.Entry<String, String>> evaluationResult(String evaluationId) {
    return Jdbc.inTransaction(
        dataSource,
        c ->
            Jdbc.queryOne(
                c,
                "SELECT status, verdicts_json FROM evaluation_results WHERE evaluation_id = ?",
                rs -> Map.entry(rs.getString(1), rs.getString(2)),
                evaluationId));
  }

  /** Stores (or replaces) one analysis document of a variant, e.g. {@code erank}. */
  public void saveAnalysisResult(
      String evaluationId, String variantId, String analysis, String resultJson) {
    Jdbc.inTransaction(
        dataSource,
        c -> {
          Jdbc.update(
              c,
              "DELETE FROM analysis_results WHERE evaluation_id = ? AND variant_id = ?"
                  + " AND analysis = ?",
              evaluationId,
              variantId,
              analysis);
          return Jdbc.update(
              c,
              "INSERT INTO analysis_results (evaluation_id, variant_id, analysis, result_json)"
                  + " VALUES (?,?,?,?)",
              evaluationId,
              variantId,
              analysis,
              resultJson);
        });
  }

  /** Analysis documents of an evaluation: variant id to analysis name to JSON. */
  public Map<String, Map<String, String>> analysisResults(String evaluationId) {
    return Jdbc.inTransaction(
        dataSource,
        c -> {
          Map<String, Map<String, String>> byVariant = new TreeMap<>();
          Jdbc.query(
              c,
              "SELECT variant_id, analysis, result_json FROM analysis_results"
                  + " WHERE evaluation_id = ?",
              rs ->
                  byVariant
                      .computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                      .put(rs.getString(2), rs.getString(3)),
              evaluationId);
          return byVariant;
        });
  }

  private boolean insertOnce(OutboxMessage event, String sql, Object... args) {
    try {
      return Jdbc.inTransaction(
          dataSource,
          c -> {
            boolean wrote = Jdbc.update(c, sql, args) == 1;
            if (wrote && event != null) {
              insertOutbox(c, event);
            }
            return wrote;
          });
    } catch (StoreException e) {
      if (e.getCause() instanceof SQLException s && Jdbc.isUniqueViolation(s)) {
        return false;
      }
      throw e;
    }
  }
}
