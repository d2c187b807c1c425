package io.acbench.metrics.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.acbench.contracts.events.VariantVerdict;
import io.acbench.metrics.report.ReportAssembler;
import io.acbench.metrics.report.ReportRenderer;
import io.acbench.metrics.store.EvaluationRecord;
import io.acbench.metrics.store.ProbeAnalysisRecord;
import io.acbench.metrics.store.ResultsRepository;
import io.acbench.metrics.store.SampleRecord;
import io.acbench.metrics.store.StoreJson;
import io.acbench.metrics.store.TaskResultRecord;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * Results of an evaluation: the (variant × task) table as JSON or CSV, the stored samples page by
 * page, the probe analyses, and the report as Markdown or HTML (rendered from the store on every
 * request, so a pending evaluation shows what exists).
 */
@Path("/api/v1/results/{evaluationId}")
public class ResultsResource {

  static final int MAX_PAGE_SIZE = 500;

  /** The results of an evaluation; status is {@code PENDING} until it completes. */
  public record EvaluationResults(
      String evaluationId,
      String modelName,
      String status,
      List<String> variants,
      List<String> tasks,
      List<VariantVerdict> verdicts,
      List<TaskRow> results) {}

  /** One page of samples. */
  public record SamplePage(int page, int size, List<SampleView> samples) {}

  /** A stored sample as the API shows it. */
  public record SampleView(
      String variantId,
      String taskId,
      String sampleId,
      String rawOutput,
      String parsedOutput,
      String reference,
      int promptTokens,
      int completionTokens,
      long latencyMillis,
      String primaryMetric,
      Double score,
      Map<String, Double> metrics,
      String scoringError) {}

  /** A stored probe analysis: headline numbers and the full document (null when failed). */
  public record AnalysisView(
      String variantId,
      String probeSetId,
      String status,
      Double erank,
      Double diffERank,
      Double meanKl,
      JsonNode result,
      String failureReason) {}

  private final ResultsRepository results;
  private final ReportAssembler reports;

  public ResultsResource(ResultsRepository results) {
    this.results = results;
    this.reports = new ReportAssembler(results);
  }

  @GET
  @Path("report.html")
  @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
  public Response reportHtml(@PathParam("evaluationId") String evaluationId) {
    return reports
        .assemble(evaluationId)
        .map(m -> Response.ok(ReportRenderer.html(m)).build())
        .orElseGet(() -> notFound(evaluationId));
  }

  @GET
  @Path("report.md")
  @Produces("text/markdown;charset=utf-8")
  public Response reportMarkdown(@PathParam("evaluationId") String evaluationId) {
    return reports
        .assemble(evaluationId)
        .map(m -> Response.ok(ReportRenderer.markdown(m)).build())
        .orElseGet(() -> notFound(evaluationId));
  }

  @GET
  @Path("analysis")
  @Produces(MediaType.APPLICATION_JSON)
  public List<AnalysisView> analysis(@PathParam("evaluationId") String evaluationId) {
    List<ProbeAnalysisRecord> analyses = results.probeAnalyses(evaluationId);
    if (analyses.isEmpty() && results.evaluation(evaluationId).isEmpty()) {
      throw new NotFoundException("no results for evaluation " + evaluationId);
    }
    return analyses.stream()
        .map(
            a ->
                new AnalysisView(
                    a.variantId(),
                    a.probeSetId(),
                    a.status(),
                    a.erank(),
                    a.diffERank(),
                    a.meanKl(),
                    a.resultJson() == null
                        ? null
                        : StoreJson.read(a.resultJson(), new TypeReference<JsonNode>() {}),
                    a.failureReason()))
        .toList();
  }

  private static Response notFound(String evaluationId) {
    return Response.status(Response.Status.NOT_FOUND)
        .type(MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8"))
        .entity("no results for evaluation " + evaluationId + "\n")
        .build();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public EvaluationResults get(@PathParam("evaluationId") String evaluationId) {
    EvaluationRecord evaluation = results.evaluation(evaluationId).orElse(null);
    List<TaskResultRecord> tasks = results.taskResults(evaluationId);
    if (evaluation == null && tasks.isEmpty()) {
      throw new NotFoundException("no results for evaluation " + evaluationId);
    }
    var outcome = results.evaluationResult(evaluationId);
    List<VariantVerdict> verdicts =
        outcome
            .map(o -> StoreJson.read(o.getValue(), new TypeReference<List<VariantVerdict>>() {}))
            .orElse(List.of());
    return new EvaluationResults(
        evaluationId,
        evaluation == null ? null : evaluation.modelName(),
        outcome.map(Map.Entry::getKey).orElse("PENDING"),
        evaluation == null ? List.of() : evaluation.variantIds(),
        evaluation == null ? List.of() : evaluation.taskIds(),
        verdicts,
        TaskRow.of(tasks));
  }

  @GET
  @Path("tasks.csv")
  @Produces("text/csv")
  public String csv(@PathParam("evaluationId") String evaluationId) {
    List<TaskRow> rows = get(evaluationId).results();
    StringBuilder out = new StringBuilder(TaskRow.CSV_HEADER).append("\r\n");
    rows.forEach(r -> out.append(r.csv()).append("\r\n"));
    return out.toString();
  }

  @GET
  @Path("samples")
  @Produces(MediaType.APPLICATION_JSON)
  public SamplePage samples(
      @PathParam("evaluationId") String evaluationId,
      @QueryParam("variant") String variant,
      @QueryParam("task") String task,
      @QueryParam("page") @DefaultValue("0") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    if (page < 0) {
      throw new BadRequestException("query parameter 'page' must be >= 0, was " + page);
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new BadRequestException(
          "query parameter 'size' must be in [1, " + MAX_PAGE_SIZE + "], was " + size);
    }
    List<SampleView> items =
        results.samplePage(evaluationId, variant, task, page * size, size).stream()
            .map(ResultsResource::view)
            .toList();
    return new SamplePage(page, size, items);
  }

  private static SampleView view(SampleRecord s) {
    return new SampleView(
        s.variantId(),
        s.taskId(),
        s.sampleId(),
        s.rawOutput(),
        s.parsedOutput(),
        s.reference(),
        s.promptTokens(),
        s.completionTokens(),
        s.latencyMillis(),
        s.primaryMetric(),
        s.score(),
        s.metrics(),
        s.scoringError());
  }
}
