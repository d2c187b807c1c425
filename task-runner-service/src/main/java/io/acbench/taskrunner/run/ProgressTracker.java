package io.acbench.taskrunner.run;

import java.time.Duration;
import org.jboss.logging.Logger;

/** Logs a task's progress and estimated time left every tenth of the samples (and at the end). */
final class ProgressTracker {

  private static final Logger LOG = Logger.getLogger(ProgressTracker.class);

  private final String label;
  private final int total;
  private final int alreadyDone;
  private final long startNanos = System.nanoTime();
  private int done;
  private int cacheHits;
  private int nextReport;

  ProgressTracker(String label, int total, int alreadyDone) {
    this.label = label;
    this.total = total;
    this.alreadyDone = alreadyDone;
    this.done = alreadyDone;
    this.nextReport = alreadyDone + step();
    LOG.infof(
        "%s: starting, %d of %d samples to run (%d already sent)",
        label, total - alreadyDone, total, alreadyDone);
  }

  synchronized void sampleDone(boolean cacheHit) {
    done++;
    if (cacheHit) {
      cacheHits++;
    }
    if (done >= nextReport || done == total) {
      nextReport = done + step();
      LOG.info(line());
    }
  }

  synchronized String line() {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    int ran = done - alreadyDone;
    double rate = seconds > 0 ? ran / seconds : 0;
    String eta =
        rate > 0 ? Duration.ofSeconds(Math.round((total - done) / rate)).toString() : "unknown";
    return String.format(
        "%s: %d/%d samples (%.0f%%), %d from cache, %.2f samples/s, ETA %s",
        label, done, total, total == 0 ? 100.0 : 100.0 * done / total, cacheHits, rate, eta);
  }

  private int step() {
    return Math.max(1, total / 10);
  }
}
