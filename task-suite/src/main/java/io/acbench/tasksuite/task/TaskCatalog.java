package io.acbench.tasksuite.task;

import io.acbench.tasksuite.Digests;
import io.acbench.tasksuite.dataset.DatasetCatalog;
import io.acbench.tasksuite.dataset.Json;
import io.acbench.tasksuite.dataset.LoadedDataset;
import io.acbench.tasksuite.dataset.TevalRecord;
import io.acbench.tasksuite.dataset.WorfbenchRecord;
import io.acbench.tasksuite.prompt.LagentMetaTemplate;
import io.acbench.tasksuite.prompt.ParityRendering;
import io.acbench.tasksuite.prompt.PromptRendering;
import io.acbench.tasksuite.prompt.WorfbenchPrompts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Task ids and what they run. {@code worfbench/<scenario>} runs a WorfBench {@code
 * graph_eval.json}; {@code teval/<key>} runs a T-Eval file, where key is {@code instruct}, {@code
 * plan_json}, {@code plan_str}, {@code reason_str}, {@code retrieve_str}, {@code understand_str},
 * {@code rru_json} (the reason_retrieve_understand_json file) or {@code review_str}.
 */
public final class TaskCatalog {

  /** WorfBench decoding in parity mode (benchmark-spec §1.4). */
  public static final SamplingParams WORFBENCH_PARITY =
      new SamplingParams(
          0.0, 0.95, null, null, 1024, List.of("END", "---", "\n\n"), List.of(128009));

  /** WorfBench decoding in corrected mode: no END or blank-line stops (B4). */
  public static final SamplingParams WORFBENCH_CORRECTED =
      new SamplingParams(0.0, 0.95, null, null, 1024, List.of("---"), List.of());

  /** T-Eval decoding: greedy, lagent defaults top_p 0.8 and repetition penalty 1.0, 512 tokens. */
  public static final SamplingParams TEVAL =
      new SamplingParams(0.0, 0.8, 1, 1.0, 512, List.of(), List.of());

  /** Instruct task keys that run only the records of one response format. */
  private static final Map<String, String> INSTRUCT_FORMATS =
      Map.of("instruct_json", "json", "instruct_str", "str");

  /**
   * T-Eval task key to file kind. Besides one key per file ({@code rru_json} for the
   * reason_retrieve_understand_json file), {@code instruct_json} / {@code instruct_str} run the
   * instruct records of one response format, and {@code reason_json}, {@code retrieve_json}, {@code
   * understand_json} run the rru file (the scorer picks the dimension), as metrics-service names
   * them.
   */
  public static final Map<String, String> TEVAL_FILES = tevalFiles();

  private final DatasetCatalog datasets;

  public TaskCatalog(DatasetCatalog datasets) {
    this.datasets = datasets;
  }

  /**
   * How prompts are rendered for one model.
   *
   * @param worfbenchCorrected corrected mode (chat template) instead of parity lines
   * @param chatTemplate the model's chat template, asked for only in corrected mode
   * @param teval the lagent meta template for T-Eval
   * @param sampleLimit samples per task at most, 0 for all
   */
  public record Rendering(
      boolean worfbenchCorrected,
      Supplier<PromptRendering> chatTemplate,
      LagentMetaTemplate teval,
      int sampleLimit) {}

  /**
   * The task with that id.
   *
   * @throws IllegalArgumentException for an unknown task id
   */
  public TaskSpec resolve(String taskId, Rendering rendering) {
    int slash = taskId.indexOf('/');
    String family = slash < 0 ? taskId : taskId.substring(0, slash);
    String name = slash < 0 ? "" : taskId.substring(slash + 1);
    return switch (family) {
      case "worfbench" -> worfbench(taskId, name, rendering);
      case "teval" -> teval(taskId, name, rendering);
      default ->
          throw new IllegalArgumentException(
              "unknown task '" + taskId + "': families are worfbench/<scenario> and teval/<key>");
    };
  }

  private TaskSpec worfbench(String taskId, String scenario, Rendering r) {
    if (!WorfbenchPrompts.hasScenario(scenario)) {
      throw new IllegalArgumentException("unknown WorfBench scenario in task '" + taskId + "'");
    }
    LoadedDataset<WorfbenchRecord> data = datasets.worfbench(scenario);
    PromptRendering rendering =
        r.worfbenchCorrected() ? r.chatTemplate().get() : new ParityRendering();
    List<PreparedSample> samples = new ArrayList<>();
    for (WorfbenchRecord rec : limit(data.records(), r.sampleLimit())) {
      String prompt = rendering.render(WorfbenchPrompts.messages(scenario, rec));
      Map<String, Object> reference = new LinkedHashMap<>();
      reference.put("source", rec.source());
      reference.put("id", rec.id());
      reference.put("gold", rec.gold());
      samples.add(sample(rec.id(), prompt, Json.canonical(reference)));
    }
    return new TaskSpec(
        taskId,
        "worfbench",
        data.name(),
        data.digest(),
        samples,
        r.worfbenchCorrected() ? WORFBENCH_CORRECTED : WORFBENCH_PARITY,
        new WorfbenchOutputParser(r.worfbenchCorrected()));
  }

  private TaskSpec teval(String taskId, String key, Rendering r) {
    String kind = TEVAL_FILES.get(key);
    if (kind == null) {
      throw new IllegalArgumentException(
          "unknown T-Eval task '" + taskId + "': keys are " + TEVAL_FILES.keySet());
    }
    LoadedDataset<TevalRecord> data = datasets.teval(kind);
    String format = INSTRUCT_FORMATS.get(key);
    List<TevalRecord> records =
        format == null
            ? data.records()
            : data.records().stream()
                .filter(rec -> rec.metaData().path("response_format").asText().equals(format))
                .toList();
    List<PreparedSample> samples = new ArrayList<>();
    for (TevalRecord rec : limit(records, r.sampleLimit())) {
      String prompt = r.teval().render(rec.originPrompt());
      samples.add(sample(rec.id(), prompt, Json.canonical(tevalReference(rec))));
    }
    return new TaskSpec(
        taskId, "teval", data.name(), data.digest(), samples, TEVAL, OutputParser.NONE);
  }

  /**
   * The T-Eval reference: {@code ground_truth} and {@code meta_data} always, {@code template}
   * (instruct) and {@code meta} (plan) when the record has them.
   */
  static Map<String, Object> tevalReference(TevalRecord rec) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("ground_truth", rec.groundTruth());
    ref.put("meta_data", rec.metaData());
    if (rec.template() != null) {
      ref.put("template", rec.template());
    }
    if (rec.meta() != null) {
      ref.put("meta", rec.meta());
    }
    return ref;
  }

  private static Map<String, String> tevalFiles() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String kind : DatasetCatalog.TEVAL_KINDS) {
      m.put(kind.equals("reason_retrieve_understand_json") ? "rru_json" : kind, kind);
    }
    m.put("instruct_json", "instruct");
    m.put("instruct_str", "instruct");
    for (String alias : List.of("reason_json", "retrieve_json", "understand_json")) {
      m.put(alias, "reason_retrieve_understand_json");
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  private static PreparedSample sample(String id, String prompt, String reference) {
    return new PreparedSample(id, prompt, Digests.sha256(prompt), reference);
  }

  private static <R> List<R> limit(List<R> records, int limit) {
    return limit > 0 && limit < records.size() ? records.subList(0, limit) : records;
  }
}
