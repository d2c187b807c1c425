package io.acbench.taskrunner.messaging;

import io.acbench.taskrunner.inference.Generation;
import io.acbench.taskrunner.inference.InferenceBackend;
import io.acbench.tasksuite.task.SamplingParams;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The backend of the Quarkus tests: answers deterministically from the prompt, counts calls and
 * records the largest number of calls in flight at once. Each call waits (up to 300 ms) until three
 * calls are in flight, so concurrency actually builds up.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class FakeBackend implements InferenceBackend {

  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final Map<String, String> promptsByDigest = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object lock = new Object();
  private static final int HOLD_UNTIL = 3;

  /** Calls so far (read through methods: the test holds a client proxy, not the bean). */
  public int calls() {
    return calls.get();
  }

  /** The most calls that were in flight at once. */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  /** The prompt received with that sha256, or null. */
  public String prompt(String sha256) {
    return promptsByDigest.get(sha256);
  }

  /** The completion for a prompt: a one-node workflow naming the prompt's length. */
  static String completion(String prompt) {
    return "Node:\n1: step for a prompt of "
        + prompt.length()
        + " chars\nEdge: (START,1) (1,END)\n\ntail";
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Generation generate(String model, String prompt, SamplingParams sampling) {
    calls.incrementAndGet();
    promptsByDigest.put(sha256(prompt), prompt);
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      synchronized (lock) {
        lock.notifyAll();
        long deadline = System.nanoTime() + 300_000_000L;
        long left;
        while (inFlight.get() < HOLD_UNTIL && (left = deadline - System.nanoTime()) > 0) {
          lock.wait(Math.max(1, left / 1_000_000));
        }
      }
      return new Generation(completion(prompt), prompt.length() / 4, 12, 7);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      inFlight.decrementAndGet();
    }
  }
}
