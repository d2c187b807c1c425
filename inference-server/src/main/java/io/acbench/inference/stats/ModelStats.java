package io.acbench.inference.stats;

import io.acbench.contracts.grpc.inference.InferResponseStatistics;
import io.acbench.contracts.grpc.inference.InferStatistics;
import io.acbench.contracts.grpc.inference.ModelStatistics;
import io.acbench.contracts.grpc.inference.StatisticDuration;
import java.util.TreeMap;

/**
 * Cumulative statistics of one model in the shape of Triton's ModelStatistics (§1.6). For a
 * generation model one execution is one decode-batch step; {@code response_stats} is keyed by the
 * response index within a request ("0" = first response, i.e. time to first token).
 */
public final class ModelStats {

  private final String name;
  private final String version;
  private long lastInference;
  private long inferenceCount;
  private long executionCount;
  private final Duration success = new Duration();
  private final Duration fail = new Duration();
  private final Duration queue = new Duration();
  private final Duration computeInput = new Duration();
  private final Duration computeInfer = new Duration();
  private final Duration computeOutput = new Duration();
  private final TreeMap<Integer, ResponseStats> responses = new TreeMap<>();

  /** A count and cumulative nanoseconds. */
  private static final class Duration {
    long count;
    long ns;

    void add(long nanos) {
      count++;
      ns += Math.max(0, nanos);
    }

    StatisticDuration proto() {
      return StatisticDuration.newBuilder().setCount(count).setNs(ns).build();
    }
  }

  private static final class ResponseStats {
    final Duration success = new Duration();
    final Duration fail = new Duration();
    final Duration empty = new Duration();
    final Duration cancel = new Duration();
    final Duration computeInfer = new Duration();
  }

  public ModelStats(String name, String version) {
    this.name = name;
    this.version = version;
  }

  /** One model execution (a probe pass or a decode-batch step) of {@code nanos}. */
  public synchronized void execution(long nanos) {
    executionCount++;
    computeInfer.add(nanos);
  }

  /** Time a request waited before its first execution. */
  public synchronized void queued(long nanos) {
    queue.add(nanos);
  }

  public synchronized void inputDecoded(long nanos) {
    computeInput.add(nanos);
  }

  public synchronized void outputEncoded(long nanos) {
    computeOutput.add(nanos);
  }

  /** A request finished successfully after {@code nanos} end to end. */
  public synchronized void succeeded(long nanos) {
    inferenceCount++;
    success.add(nanos);
    lastInference = System.currentTimeMillis();
  }

  /** A request failed or was cancelled after {@code nanos}. */
  public synchronized void failed(long nanos) {
    fail.add(nanos);
    lastInference = System.currentTimeMillis();
  }

  /** Response {@code index} of a request was sent {@code nanos} after the previous one. */
  public synchronized void response(int index, long nanos, boolean empty) {
    ResponseStats r = responses.computeIfAbsent(index, i -> new ResponseStats());
    r.success.add(nanos);
    r.computeInfer.add(nanos);
    if (empty) {
      r.empty.add(nanos);
    }
  }

  /** A request was cancelled before response {@code index}. */
  public synchronized void cancelled(int index, long nanos) {
    responses.computeIfAbsent(index, i -> new ResponseStats()).cancel.add(nanos);
  }

  public synchronized long executionCount() {
    return executionCount;
  }

  public synchronized ModelStatistics proto() {
    ModelStatistics.Builder b =
        ModelStatistics.newBuilder()
            .setName(name)
            .setVersion(version)
            .setLastInference(lastInference)
            .setInferenceCount(inferenceCount)
            .setExecutionCount(executionCount)
            .setInferenceStats(
                InferStatistics.newBuilder()
                    .setSuccess(success.proto())
                    .setFail(fail.proto())
                    .setQueue(queue.proto())
                    .setComputeInput(computeInput.proto())
                    .setComputeInfer(computeInfer.proto())
                    .setComputeOutput(computeOutput.proto()));
    responses.forEach(
        (i, r) ->
            b.putResponseStats(
                String.valueOf(i),
                InferResponseStatistics.newBuilder()
                    .setSuccess(r.success.proto())
                    .setFail(r.fail.proto())
                    .setEmptyResponse(r.empty.proto())
                    .setCancel(r.cancel.proto())
                    .setComputeInfer(r.computeInfer.proto())
                    .build()));
    return b.build();
  }
}
