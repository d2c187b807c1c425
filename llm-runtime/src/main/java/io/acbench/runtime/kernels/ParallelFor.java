package io.acbench.runtime.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A parallel-for over an index range on a fixed pool of daemon threads; the calling thread runs the
 * first chunk itself. Calls made from a pool thread run serially, so nested use cannot deadlock.
 *
 * <p>The shared instance has {@code -Dacbench.runtime.threads} threads, default {@link
 * Runtime#availableProcessors()}; {@link #configureShared(int)} replaces it.
 */
public final class ParallelFor {

  /** System property that sets the size of the shared pool. */
  public static final String THREADS_PROPERTY = "acbench.runtime.threads";

  /** The body of a loop over {@code [start, end)}. */
  @FunctionalInterface
  public interface RangeBody {
    void run(int start, int end);
  }

  private static volatile ParallelFor shared;

  private final int threads;
  private final ExecutorService pool;

  /** A pool of {@code threads} workers in all, the caller included ({@code threads >= 1}). */
  public ParallelFor(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    this.pool =
        threads == 1
            ? null
            : Executors.newFixedThreadPool(
                threads - 1,
                runnable -> {
                  Thread t = new Worker(runnable);
                  t.setDaemon(true);
                  return t;
                });
  }

  /** The process-wide instance used by the weights' {@code matmul}. */
  public static ParallelFor shared() {
    ParallelFor current = shared;
    if (current == null) {
      synchronized (ParallelFor.class) {
        if (shared == null) {
          shared = new ParallelFor(defaultThreads());
        }
        current = shared;
      }
    }
    return current;
  }

  /** Replaces the shared instance by one of {@code threads} threads; the old pool is shut down. */
  public static synchronized void configureShared(int threads) {
    ParallelFor old = shared;
    shared = new ParallelFor(threads);
    if (old != null) {
      old.shutdown();
    }
  }

  private static int defaultThreads() {
    String configured = System.getProperty(THREADS_PROPERTY);
    return configured == null
        ? Runtime.getRuntime().availableProcessors()
        : Integer.parseInt(configured.trim());
  }

  /** Number of threads, the caller included. */
  public int threads() {
    return threads;
  }

  /**
   * Runs {@code body} over {@code [0, n)} split into at most {@link #threads()} contiguous chunks
   * whose boundaries are multiples of {@code grain} (except the end). Returns when all are done; an
   * exception in any chunk is rethrown.
   */
  public void forRange(int n, int grain, RangeBody body) {
    int units = Math.ceilDiv(n, grain);
    int chunks = Math.min(threads, units);
    if (chunks <= 1 || Thread.currentThread() instanceof Worker) {
      body.run(0, n);
      return;
    }
    List<Future<?>> futures = new ArrayList<>(chunks - 1);
    for (int c = 1; c < chunks; c++) {
      int start = Math.min(n, (int) ((long) units * c / chunks) * grain);
      int end = Math.min(n, (int) ((long) units * (c + 1) / chunks) * grain);
      futures.add(pool.submit(() -> body.run(start, end)));
    }
    body.run(0, Math.min(n, (int) ((long) units / chunks) * grain));
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a parallel chunk", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  /** Stops the worker threads; later calls of {@link #forRange} must not be made. */
  public void shutdown() {
    if (pool != null) {
      pool.shutdown();
    }
  }

  private static final class Worker extends Thread {
    Worker(Runnable runnable) {
      super(runnable, "acbench-kernel");
    }
  }
}
