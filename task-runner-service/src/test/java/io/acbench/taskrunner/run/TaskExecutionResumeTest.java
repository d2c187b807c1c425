package io.acbench.taskrunner.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acbench.contracts.events.AcbenchEvent;
import io.acbench.contracts.events.ModelReady;
import io.acbench.contracts.events.SampleCompleted;
import io.acbench.taskrunner.inference.Generation;
import io.acbench.taskrunner.inference.InferenceBackend;
import io.acbench.taskrunner.state.OutputCache;
import io.acbench.taskrunner.state.RunJournal;
import io.acbench.tasksuite.task.PreparedSample;
import io.acbench.tasksuite.task.TaskCatalog;
import io.acbench.tasksuite.task.TaskSpec;
import io.acbench.tasksuite.task.WorfbenchOutputParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash-point test of resumption (in one JVM, not a SIGKILLed process): the first run "dies" right
 * after the broker acknowledged its 8th sample, before the journal line (the worst moment); a torn
 * journal line is left behind as a crash mid-write would. A second runner on the same state
 * directory finishes the task. The backend answers differently on every call, so any sample that
 * was generated twice would show up as a second, different result.
 */
class TaskExecutionResumeTest {

  private static final int SAMPLES = 20;
  private static final int CRASH_AFTER = 8;
  private static final int IN_FLIGHT = 3;

  /** A backend whose answers differ per call, so only the cache can make re-sends identical. */
  static final class DriftingBackend implements InferenceBackend {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public Generation generate(
        String model, String prompt, io.acbench.tasksuite.task.SamplingParams s) {
      int n = calls.incrementAndGet();
      return new Generation("Node:\n1: " + prompt + " call " + n + "\nEdge: (START,1)", 3, 5, n);
    }
  }

  /** The broker as seen by consumers: every event it acknowledged, in order. */
  static final class Broker implements EventSink {
    final List<SampleCompleted> delivered = Collections.synchronizedList(new ArrayList<>());
    private final int dieAfter;
    private final AtomicInteger acked = new AtomicInteger();

    Broker(int dieAfter) {
      this.dieAfter = dieAfter;
    }

    @Override
    public CompletionStage<Void> send(AcbenchEvent event) {
      synchronized (this) {
        if (acked.get() >= dieAfter) {
          return CompletableFuture.failedFuture(new IllegalStateException("process gone"));
        }
        delivered.add((SampleCompleted) event);
        if (acked.incrementAndGet() == dieAfter) {
          // delivered and acknowledged, but the runner dies before it can journal the sample
          return CompletableFuture.failedFuture(new IllegalStateException("process gone"));
        }
        return CompletableFuture.completedFuture(null);
      }
    }
  }

  private static TaskSpec task() {
    List<PreparedSample> samples =
        IntStream.range(0, SAMPLES)
            .mapToObj(
                i ->
                    new PreparedSample(
                        "s" + i, "prompt " + i, "digest" + i, "{\"gold\":" + i + "}"))
            .toList();
    return new TaskSpec(
        "worfbench/os",
        "worfbench",
        "test",
        "00".repeat(32),
        samples,
        TaskCatalog.WORFBENCH_PARITY,
        new WorfbenchOutputParser(false));
  }

  @Test
  void aRunKilledMidTaskResumesWithNoSampleLostAndNoneChanged(@TempDir Path state)
      throws Exception {
    ModelReady ready =
        ModelReady.of("ev", "v", "gptq", "m", "artifact-1", "/m", List.of("worfbench/os"));
    DriftingBackend backend = new DriftingBackend();
    OutputCache cache = new OutputCache(state.resolve("cache"));
    Path journals = state.resolve("journal");

    Broker first = new Broker(CRASH_AFTER);
    try (RunJournal journal = RunJournal.open(journals, "ev", "v", "worfbench/os")) {
      TaskExecution run =
          new TaskExecution(backend, cache, first, IN_FLIGHT, Duration.ofSeconds(5));
      assertThatThrownBy(() -> run.run(ready, task(), journal))
          .isInstanceOf(TaskFailedException.class);
      assertThat(journal.emitted()).hasSize(CRASH_AFTER - 1);
    }
    try (var files = Files.list(journals)) {
      Files.writeString(files.findFirst().orElseThrow(), "{\"d\":\"", StandardOpenOption.APPEND);
    }

    Broker second = new Broker(Integer.MAX_VALUE);
    try (RunJournal journal = RunJournal.open(journals, "ev", "v", "worfbench/os")) {
      int before = journal.emitted().size();
      TaskExecution run =
          new TaskExecution(backend, cache, second, IN_FLIGHT, Duration.ofSeconds(5));
      assertThat(run.run(ready, task(), journal)).isEqualTo(SAMPLES);
      assertThat(journal.emitted()).hasSize(SAMPLES);
      assertThat(second.delivered).hasSize(SAMPLES - before);
    }

    List<SampleCompleted> all = new ArrayList<>(first.delivered);
    all.addAll(second.delivered);
    Map<String, Set<String>> contentsPerSample =
        all.stream()
            .collect(
                Collectors.groupingBy(
                    SampleCompleted::sampleId,
                    Collectors.mapping(TaskExecution::contentDigest, Collectors.toSet())));
    assertThat(contentsPerSample).hasSize(SAMPLES);
    assertThat(contentsPerSample.values()).allSatisfy(c -> assertThat(c).hasSize(1));
    Map<String, Set<String>> idsPerSample =
        all.stream()
            .collect(
                Collectors.groupingBy(
                    SampleCompleted::sampleId,
                    Collectors.mapping(SampleCompleted::eventId, Collectors.toSet())));
    assertThat(idsPerSample.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
    // re-sent only the sample acknowledged but not journaled, and with the same content
    assertThat(all).hasSize(SAMPLES + 1);
    // every prompt went to the model exactly once over both runs: the cache is written first
    assertThat(backend.calls.get()).isEqualTo(SAMPLES);
  }

  @Test
  void aFinishedTaskRunsNothingAgain(@TempDir Path state) throws Exception {
    ModelReady ready =
        ModelReady.of("ev", "v", "gptq", "m", "artifact-1", "/m", List.of("worfbench/os"));
    DriftingBackend backend = new DriftingBackend();
    OutputCache cache = new OutputCache(state.resolve("cache"));
    Broker broker = new Broker(Integer.MAX_VALUE);
    try (RunJournal journal = RunJournal.open(state, "ev", "v", "worfbench/os")) {
      new TaskExecution(backend, cache, broker, IN_FLIGHT, Duration.ofSeconds(5))
          .run(ready, task(), journal);
    }
    try (RunJournal journal = RunJournal.open(state, "ev", "v", "worfbench/os")) {
      new TaskExecution(backend, cache, broker, IN_FLIGHT, Duration.ofSeconds(5))
          .run(ready, task(), journal);
    }
    assertThat(broker.delivered).hasSize(SAMPLES);
    assertThat(backend.calls.get()).isEqualTo(SAMPLES);
  }
}
