package io.acbench.inference.generate;

import io.acbench.inference.stats.ModelStats;
import io.acbench.inference.tensor.InferenceException;
import io.acbench.runtime.generate.GenerationBatch;
import io.acbench.runtime.generate.StepOutput;
import io.acbench.runtime.generate.TextCodec;
import io.acbench.runtime.model.ForwardHooks;
import io.acbench.runtime.model.Transformer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * One thread per generation model driving {@link GenerationBatch#step()}: requests join the running
 * decode batch when a slot frees and leave it when they finish (continuous batching). Submissions
 * and cancellations reach the thread as commands applied between two steps, so a cancelled request
 * leaves the batch before the next step starts. At most {@code maxBatch + queueSize} requests are
 * in flight; more are refused with UNAVAILABLE.
 */
public final class GenerationScheduler implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(GenerationScheduler.class);

  private final String model;
  private final GenerationBatch batch;
  private final int vocab;
  private final int limit;
  private final ModelStats stats;
  private final LogitsCapture capture = new LogitsCapture();
  private final LinkedBlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
  private final Map<String, GenerationJob> jobs = new HashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Counter tokens;
  private final Thread thread;
  private final Runnable onStopped;
  private volatile long steps;

  /**
   * Guards {@link #steps} increments against {@link #cancel}, which reads it and queues at once.
   */
  private final Object stepClock = new Object();

  private volatile boolean suspended;
  private volatile boolean closing;
  private volatile GenerationJob lastCancelled;

  /**
   * @param onStopped runs on the scheduler thread after the last request finished on close
   */
  public GenerationScheduler(
      String model,
      Transformer transformer,
      TextCodec codec,
      int maxBatch,
      int maxSequenceLength,
      int queueSize,
      ModelStats stats,
      MeterRegistry meters,
      Runnable onStopped) {
    this.model = model;
    this.batch = new GenerationBatch(transformer, codec, maxBatch, maxSequenceLength);
    this.vocab = transformer.config().vocabSize();
    this.limit = maxBatch + Math.max(0, queueSize);
    this.stats = stats;
    this.onStopped = onStopped;
    transformer.setHooks(capture);
    this.tokens =
        Counter.builder("acbench.inference.generated.tokens").tag("model", model).register(meters);
    meters.gauge(
        "acbench.inference.in.flight",
        List.of(io.micrometer.core.instrument.Tag.of("model", model)),
        inFlight);
    this.thread = Thread.ofPlatform().name("scheduler-" + model).daemon().start(this::run);
  }

  /**
   * Queues a request.
   *
   * @throws InferenceException UNAVAILABLE when the queue is full or the model is unloading
   */
  public void submit(GenerationJob job) {
    if (closing) {
      throw InferenceException.unavailable("model '" + model + "' is unloading");
    }
    if (inFlight.incrementAndGet() > limit) {
      inFlight.decrementAndGet();
      throw InferenceException.unavailable("Exceeds maximum queue size");
    }
    commands.add(() -> admit(job));
  }

  /** Removes a request from the batch before the next step (the client cancelled its call). */
  public void cancel(GenerationJob job) {
    // The signal's step and its arrival in the queue are one event for the step clock: a caller
    // descheduled between reading the step and queueing the command would otherwise record a step
    // that the scheduler had already left behind.
    synchronized (stepClock) {
      job.markCancelSignal(steps);
      commands.add(
          () -> {
            if (jobs.remove(job.request().id()) != null) {
              batch.cancel(job.request().id());
              inFlight.decrementAndGet();
              job.cancelled(steps);
              lastCancelled = job;
            }
          });
    }
  }

  /** Decode-batch steps executed so far. */
  public long steps() {
    return steps;
  }

  /** The request that most recently left the batch through a cancellation, or null. */
  public GenerationJob lastCancelled() {
    return lastCancelled;
  }

  /** Requests submitted and not yet finished. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Holds the batch between steps (commands still queue up) until {@link #resume()}. */
  public void suspend() {
    suspended = true;
  }

  public void resume() {
    suspended = false;
    commands.add(() -> {});
  }

  /** Stops accepting requests; the thread ends after the running ones finished. */
  @Override
  public void close() {
    closing = true;
    commands.add(() -> {});
  }

  private void admit(GenerationJob job) {
    try {
      batch.add(job.request());
      jobs.put(job.request().id(), job);
    } catch (IllegalArgumentException e) {
      inFlight.decrementAndGet();
      job.fail("Error generating stream: " + e.getMessage());
    }
  }

  private void run() {
    try {
      while (true) {
        if (!batch.hasWork() || suspended) {
          if (closing && !batch.hasWork() && commands.isEmpty()) {
            break;
          }
          commands.take().run();
          continue;
        }
        for (Runnable c; (c = commands.poll()) != null; ) {
          c.run();
        }
        if (batch.hasWork() && !suspended) {
          step();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      onStopped.run();
    }
  }

  private void step() {
    capture.start(jobs.values().stream().anyMatch(GenerationJob::needsLogits));
    long t0 = System.nanoTime();
    List<StepOutput> outputs;
    try {
      outputs = batch.step();
    } catch (RuntimeException e) {
      LOG.errorf(e, "generation step of model %s failed", model);
      failAll("Error generating stream: " + e.getMessage());
      return;
    }
    stats.execution(System.nanoTime() - t0);
    synchronized (stepClock) {
      steps++;
    }
    for (int i = 0; i < outputs.size(); i++) {
      StepOutput out = outputs.get(i);
      GenerationJob job = jobs.get(out.id());
      tokens.increment();
      if (job == null) {
        continue;
      }
      job.onStep(out, capture.row(i), capture.offset(i), vocab);
      if (out.finished()) {
        jobs.remove(out.id());
        inFlight.decrementAndGet();
      }
    }
  }

  private void failAll(String message) {
    for (GenerationJob job : new ArrayList<>(jobs.values())) {
      batch.cancel(job.request().id());
      jobs.remove(job.request().id());
      inFlight.decrementAndGet();
      job.fail(message);
    }
  }

  /**
   * Copies the logits rows of a step when some request needs them. A step reports the decode
   * batch's rows first, then one row per admitted prompt, in the order of its outputs.
   */
  private static final class LogitsCapture implements ForwardHooks {
    private final List<float[]> arrays = new ArrayList<>();
    private final List<Integer> offsets = new ArrayList<>();
    private boolean enabled;

    void start(boolean enable) {
      enabled = enable;
      arrays.clear();
      offsets.clear();
    }

    @Override
    public void logits(float[] logits, int rows, int vocabSize) {
      if (!enabled) {
        return;
      }
      float[] copy = logits.clone();
      for (int r = 0; r < rows; r++) {
        arrays.add(copy);
        offsets.add(r * vocabSize);
      }
    }

    float[] row(int i) {
      return enabled && i < arrays.size() ? arrays.get(i) : null;
    }

    int offset(int i) {
      return enabled && i < offsets.size() ? offsets.get(i) : 0;
    }
  }
}
