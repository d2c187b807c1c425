package io.acbench.metrics.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads of the results store, and the writes of derived results (task aggregates, evaluation
 * outcomes, analysis documents). Derived results are written once: the first writer wins and a
 * second write of the same key reports {@code false}, so exactly one caller emits the event.
 */
public class ResultsRepository {

  private static final String SAMPLE_COLUMNS =
      "evaluation_id, variant_id, task_id, sample_id, event_id, prompt_digest, raw_output,"
          + " parsed_output, reference, prompt_tokens, completion_tokens, latency_millis,"
          + " primary_metric, score, metrics_json, scoring_error, occurred_at";

  private final DataSource dataSource;

  public ResultsRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public Optional<EvaluationRecord> evaluation(String evaluationId) {
    return Jdbc.inTransaction(dataSource, c -> evaluation(c, evaluationId));
  }

  public Optional<TaskRunRecord> taskRun(String evaluationId, String variantId, String taskId) {
    return Jdbc.inTransaction(dataSource, c -> taskRun(c, evaluationId, variantId, taskId));
  }

  /** The samples of a (variant, task), ordered by sample id. */
  public List<SampleRecord> samples(String evaluationId, String variantId, String taskId) {
    return Jdbc.inTransaction(
        dataSource,
        c ->
            Jdbc.query(
                c,
                "SELECT "
                    + SAMPLE_COLUMNS
                    + " FROM samples WHERE evaluation_id = ? AND variant_id = ? AND task_id = ?"
                    + " ORDER BY sample_id",
                ResultsRepository::sampleRow,
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
                    + SAMPLE_COLUMNS
                    + " FROM samples WHERE evaluation_id = ? AND (CAST(? AS VARCHAR(200)) IS NULL OR variant_id = ?)"
                    + " AND (CAST(? AS VARCHAR(200)) IS NULL OR task_id = ?) ORDER BY variant_id, task_id, sample_id"
                    + " LIMIT ? OFFSET ?",
                ResultsRepository::sampleRow,
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
    return Jdbc.inTransaction(dataSource, c -> probes(c, evaluationId));
  }

  /** Task results of an evaluation, ordered by variant and task. */
  public List<TaskResultRecord> taskResults(String evaluationId) {
    return Jdbc.inTransaction(
        dataSource,
        c ->
            Jdbc.query(
                c,
                "SELECT * FROM task_results WHERE evaluation_id = ? ORDER BY variant_id, task_id",
                ResultsRepository::taskResultRow,
                evaluationId));
  }

  /** Writes a task result unless one exists; true when this call wrote it. */
  public boolean saveTaskResultOnce(TaskResultRecord r) {
    return insertOnce(
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
    return insertOnce(
        "INSERT INTO evaluation_results (evaluation_id, status, verdicts_json) VALUES (?,?,?)",
        evaluationId,
        status,
        verdicts);
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
          Map<String, Map<String, String>> byVariant = new java.util.TreeMap<>();
          Jdbc.query(
              c,
              "SELECT variant_id, analysis, result_json FROM analysis_results"
                  + " WHERE evaluation_id = ?",
              rs ->
                  byVariant
                      .computeIfAbsent(rs.getString(1), k -> new java.util.TreeMap<>())
                      .put(rs.getString(2), rs.getString(3)),
              evaluationId);
          return byVariant;
        });
  }

  private boolean insertOnce(String sql, Object... args) {
    try {
      return Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, sql, args) == 1);
    } catch (StoreException e) {
      if (e.getCause() instanceof SQLException s && Jdbc.isUniqueViolation(s)) {
        return false;
      }
      throw e;
    }
  }

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
                    List.of()),
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
            tasks));
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
        ResultsRepository::sampleRow,
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
                Jdbc.instant(rs, "occurred_at")),
        evaluationId);
  }

  private static SampleRecord sampleRow(ResultSet rs) throws SQLException {
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

  private static TaskResultRecord taskResultRow(ResultSet rs) throws SQLException {
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
