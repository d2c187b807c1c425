package io.acbench.taskrunner.run;

import io.acbench.contracts.events.ModelReady;
import io.acbench.contracts.events.SampleCompleted;
import io.acbench.taskrunner.inference.Generation;
import io.acbench.taskrunner.inference.InferenceBackend;
import io.acbench.taskrunner.state.OutputCache;
import io.acbench.taskrunner.state.RunJournal;
import io.acbench.tasksuite.Digests;
import io.acbench.tasksuite.task.PreparedSample;
import io.acbench.tasksuite.task.TaskSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the samples of one task on one variant: at most {@code maxInFlight} samples are between
 * "request sent" and "event acknowledged" at once (the submitting loop blocks on a semaphore, which
 * is the back-pressure). Per sample: the output cache or the backend, the stop rule, the light
 * parse, {@code sample.completed}, and once the broker acknowledged it a journal line. Samples the
 * journal already holds are skipped, so a restarted run continues where it stopped.
 */
public final class TaskExecution {

  private final InferenceBackend backend;
  private final OutputCache cache;
  private final EventSink sink;
  private final int maxInFlight;
  private final Duration ackTimeout;

  public TaskExecution(
      InferenceBackend backend,
      OutputCache cache,
      EventSink sink,
      int maxInFlight,
      Duration ackTimeout) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException(
          "acbench.task-runner.max-in-flight must be >= 1, was " + maxInFlight);
    }
    this.backend = backend;
    this.cache = cache;
    this.sink = sink;
    this.maxInFlight = maxInFlight;
    this.ackTimeout = ackTimeout;
  }

  /**
   * Runs every sample of {@code task} that the journal does not hold yet.
   *
   * @return the task's sample count
   * @throws TaskFailedException when a sample fails; samples already acknowledged stay journaled
   */
  public int run(ModelReady ready, TaskSpec task, RunJournal journal) throws InterruptedException {
    Map<String, String> emitted = journal.emitted();
    List<PreparedSample> pending =
        task.samples().stream().filter(s -> !emitted.containsKey(s.sampleId())).toList();
    String label =
        "%s/%s %s [%s sha256:%.12s]"
            .formatted(
                ready.evaluationId(),
                ready.variantId(),
                task.taskId(),
                task.datasetName(),
                task.datasetDigest());
    ProgressTracker progress =
        new ProgressTracker(label, task.samples().size(), task.samples().size() - pending.size());
    Semaphore slots = new Semaphore(maxInFlight);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (PreparedSample sample : pending) {
        slots.acquire();
        if (failure.get() != null) {
          slots.release();
          break;
        }
        workers.submit(
            () -> {
              try {
                runSample(ready, task, sample, journal, progress);
              } catch (Throwable t) {
                failure.compareAndSet(null, t);
              } finally {
                slots.release();
              }
            });
      }
    }
    Throwable t = failure.get();
    if (t != null) {
      throw new TaskFailedException(
          task.taskId() + ": sample failed: " + (t.getMessage() == null ? t : t.getMessage()), t);
    }
    return task.samples().size();
  }

  private void runSample(
      ModelReady ready,
      TaskSpec task,
      PreparedSample sample,
      RunJournal journal,
      ProgressTracker progress)
      throws InterruptedException, ExecutionException, TimeoutException {
    String key = OutputCache.key(ready.artifactDigest(), sample.prompt(), task.sampling().toJson());
    Optional<Generation> cached = cache.get(key);
    Generation generation;
    if (cached.isPresent()) {
      generation = cached.get();
    } else {
      cache.put(key, backend.generate(ready.modelName(), sample.prompt(), task.sampling()));
      generation = cache.get(key).orElseThrow();
    }
    SampleCompleted event = sampleEvent(ready, task, sample, generation);
    sink.send(event).toCompletableFuture().get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    journal.recordSample(sample.sampleId(), contentDigest(event));
    progress.sampleDone(cached.isPresent());
  }

  /**
   * The sample's event. Everything but the timestamp is a function of (variant, task, sample,
   * cached generation), so a sample sent again after a crash carries the same content and the same
   * event id.
   */
  static SampleCompleted sampleEvent(
      ModelReady ready, TaskSpec task, PreparedSample sample, Generation generation) {
    String output = task.sampling().applyStops(generation.text());
    String parsed = task.parser().parse(output);
    SampleCompleted content =
        new SampleCompleted(
            SampleCompleted.SCHEMA_VERSION,
            "-",
            Instant.EPOCH,
            ready.evaluationId(),
            ready.variantId(),
            task.taskId(),
            sample.sampleId(),
            sample.promptDigest(),
            output,
            parsed,
            sample.reference(),
            generation.promptTokens(),
            generation.completionTokens(),
            generation.latencyMillis());
    String digest = contentDigest(content);
    String eventId =
        UUID.nameUUIDFromBytes(
                (content.naturalKey() + "\n" + digest).getBytes(StandardCharsets.UTF_8))
            .toString();
    return new SampleCompleted(
        SampleCompleted.SCHEMA_VERSION,
        eventId,
        Instant.now(),
        content.evaluationId(),
        content.variantId(),
        content.taskId(),
        content.sampleId(),
        content.promptDigest(),
        content.rawOutput(),
        content.parsedOutput(),
        content.reference(),
        content.promptTokens(),
        content.completionTokens(),
        content.latencyMillis());
  }

  /** Digest of a sample event's content: every field except the envelope (id, time). */
  public static String contentDigest(SampleCompleted e) {
    return Digests.sha256Of(
        e.naturalKey(),
        e.promptDigest(),
        e.rawOutput(),
        String.valueOf(e.parsedOutput()),
        e.reference(),
        Integer.toString(e.promptTokens()),
        Integer.toString(e.completionTokens()),
        Long.toString(e.latencyMillis()));
  }
}
