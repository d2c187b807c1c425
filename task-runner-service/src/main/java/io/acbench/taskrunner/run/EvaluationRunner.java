package io.acbench.taskrunner.run;

import io.acbench.contracts.events.ModelReady;
import io.acbench.contracts.events.TaskCompleted;
import io.acbench.runtime.tokenizer.ChatTemplate;
import io.acbench.taskrunner.config.TaskRunnerConfig;
import io.acbench.taskrunner.inference.InferenceBackend;
import io.acbench.taskrunner.probe.ProbeBackend;
import io.acbench.taskrunner.probe.ProbeReportException;
import io.acbench.taskrunner.probe.ProbeRunner;
import io.acbench.taskrunner.probe.ProbeStore;
import io.acbench.taskrunner.probe.TokenizerWindows;
import io.acbench.taskrunner.state.OutputCache;
import io.acbench.taskrunner.state.RunJournal;
import io.acbench.tasksuite.dataset.DatasetCatalog;
import io.acbench.tasksuite.prompt.ChatTemplateRendering;
import io.acbench.tasksuite.prompt.LagentMetaTemplate;
import io.acbench.tasksuite.prompt.PromptRendering;
import io.acbench.tasksuite.task.TaskCatalog;
import io.acbench.tasksuite.task.TaskSpec;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs the tasks of a ready variant one after the other and reports each with {@code
 * task.completed}: COMPLETED with the sample count, or FAILED with the reason (unknown task, bad
 * dataset, backend failure). A task the journal marks finished is reported again without running.
 * Before the tasks, a {@code model.ready} with a probe set is probed ({@link ProbeRunner}); a probe
 * failure never fails the tasks.
 */
@ApplicationScoped
public class EvaluationRunner {

  private static final Logger LOG = Logger.getLogger(EvaluationRunner.class);

  private final TaskRunnerConfig config;
  private final EventSink sink;
  private final TaskCatalog catalog;
  private final TaskExecution execution;
  private final Path journalDir;
  private final MeterRegistry registry;
  private final ProbeRunner probes;

  public EvaluationRunner(
      TaskRunnerConfig config,
      EventSink sink,
      InferenceBackend backend,
      ProbeBackend probeBackend,
      MeterRegistry registry) {
    this.config = config;
    this.sink = sink;
    this.registry = registry;
    this.catalog = new TaskCatalog(new DatasetCatalog(config.datasetDir()));
    this.journalDir = config.stateDir().resolve("journal");
    OutputCache cache = new OutputCache(config.stateDir().resolve("output-cache"));
    this.execution =
        new TaskExecution(backend, cache, sink, config.maxInFlight(), config.requestTimeout());
    TaskRunnerConfig.Probe probe = config.probe();
    this.probes =
        new ProbeRunner(
            new ProbeStore(probe.resultDir().orElse(config.stateDir().resolve("probes"))),
            new TokenizerWindows(probe.windowTokens(), probe.windows()),
            probeBackend,
            sink,
            probe.topK(),
            config.requestTimeout());
  }

  /** Runs the probe set (when the event names one), then every task of the variant. */
  public void run(ModelReady ready) throws InterruptedException {
    try {
      probes.run(ready);
    } catch (ProbeReportException e) {
      throw e; // the broker is not acknowledging: the tasks could not be reported either
    } catch (IOException | RuntimeException e) {
      // a probe must never cost the tasks: its failure is logged and the tasks run
      LOG.errorf(e, "%s/%s: probe not reported", ready.evaluationId(), ready.variantId());
    }
    for (String taskId : ready.taskIds()) {
      TaskCompleted result = runTask(ready, taskId);
      registry.counter("acbench.taskrunner.tasks", "status", result.status()).increment();
      try {
        sink.send(result)
            .toCompletableFuture()
            .get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("task.completed of " + taskId + " was not acknowledged", e);
      }
      if (result.status().equals("COMPLETED")) {
        try (RunJournal journal = openJournal(ready, taskId)) {
          if (journal.completed().isEmpty()) {
            journal.recordCompleted(result.sampleCount());
          }
        }
      }
    }
  }

  private TaskCompleted runTask(ModelReady ready, String taskId) throws InterruptedException {
    try (RunJournal journal = openJournal(ready, taskId)) {
      OptionalInt done = journal.completed();
      if (done.isPresent()) {
        LOG.infof(
            "%s/%s %s: already finished, reporting it again",
            ready.evaluationId(), ready.variantId(), taskId);
        return completed(ready, taskId, done.getAsInt());
      }
      TaskSpec task = catalog.resolve(taskId, rendering(ready));
      int count = execution.run(ready, task, journal);
      registry.counter("acbench.taskrunner.samples", "task", taskId).increment(count);
      return completed(ready, taskId, count);
    } catch (RuntimeException e) {
      LOG.errorf(e, "%s/%s %s failed", ready.evaluationId(), ready.variantId(), taskId);
      return TaskCompleted.of(
          ready.evaluationId(),
          ready.variantId(),
          taskId,
          "FAILED",
          0,
          String.valueOf(e.getMessage()));
    }
  }

  private static TaskCompleted completed(ModelReady ready, String taskId, int count) {
    return TaskCompleted.of(
        ready.evaluationId(), ready.variantId(), taskId, "COMPLETED", count, null);
  }

  private RunJournal openJournal(ModelReady ready, String taskId) {
    return RunJournal.open(journalDir, ready.evaluationId(), ready.variantId(), taskId);
  }

  private TaskCatalog.Rendering rendering(ModelReady ready) {
    boolean corrected =
        switch (config.worfbenchMode()) {
          case "parity" -> false;
          case "corrected" -> true;
          default ->
              throw new IllegalArgumentException(
                  "acbench.task-runner.worfbench-mode must be 'parity' or 'corrected', was '"
                      + config.worfbenchMode()
                      + "'");
        };
    Supplier<PromptRendering> chat = () -> chatTemplate(ready);
    return new TaskCatalog.Rendering(
        corrected, chat, LagentMetaTemplate.of(config.tevalTemplate()), config.sampleLimit());
  }

  private static PromptRendering chatTemplate(ModelReady ready) {
    Path file = Path.of(ready.artifactUri()).resolve("tokenizer_config.json");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "corrected WorfBench mode needs the model's chat template, but "
              + file
              + " (from artifactUri) does not exist");
    }
    return new ChatTemplateRendering(ChatTemplate.fromTokenizerConfig(file));
  }
}
