package io.acbench.inference.grpc;

import io.acbench.contracts.grpc.inference.ModelInferRequest;
import io.acbench.contracts.grpc.inference.ModelInferResponse;
import io.acbench.contracts.grpc.inference.ModelStreamInferResponse;
import io.acbench.inference.generate.GenerationJob;
import io.acbench.inference.generate.GenerationScheduler;
import io.acbench.inference.tensor.InferenceException;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.HashMap;
import java.util.Map;

/**
 * One ModelStreamInfer call (§2.1): many requests, responses written as produced. Half-closing
 * cancels nothing: the call ends with OK once every request finished. Cancelling the call cancels
 * every request still running. Setup errors come back as {@code error_message} responses, or, with
 * the {@code triton_grpc_error: true} header, end the call with the real status.
 */
final class StreamSession implements StreamObserver<ModelInferRequest>, GenerationJob.Sink {

  private final ServerCallStreamObserver<ModelStreamInferResponse> out;
  private final InferenceRouter router;
  private final boolean grpcErrors;
  private final Map<GenerationJob, GenerationScheduler> running = new HashMap<>();
  private int pending;
  private boolean halfClosed;
  private boolean closed;

  StreamSession(
      StreamObserver<ModelStreamInferResponse> out, InferenceRouter router, boolean grpcErrors) {
    this.out = (ServerCallStreamObserver<ModelStreamInferResponse>) out;
    this.router = router;
    this.grpcErrors = grpcErrors;
    this.out.setOnCancelHandler(this::cancelAll);
  }

  @Override
  public void onNext(ModelInferRequest request) {
    synchronized (this) {
      if (closed) {
        return;
      }
      pending++;
    }
    try {
      router.stream(request, this);
    } catch (InferenceException e) {
      requestFailed(request, e);
    } catch (RuntimeException e) {
      requestFailed(
          request, new InferenceException(Status.Code.INTERNAL, String.valueOf(e.getMessage())));
    }
  }

  /** Registers a generation job before it is submitted, so that a cancel reaches it. */
  synchronized void started(GenerationJob job, GenerationScheduler scheduler) {
    running.put(job, scheduler);
  }

  /** A job whose submission was refused: it never runs, so it never finishes by itself. */
  synchronized void finishedUnsubmitted(GenerationJob job) {
    running.remove(job);
  }

  /** A request that produced its one response outside a scheduler (probe, setup error). */
  void completeOne(ModelStreamInferResponse response) {
    send(response);
    done();
  }

  void requestFailed(ModelInferRequest request, InferenceException e) {
    if (grpcErrors) {
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
      }
      cancelAll();
      out.onError(e.toStatus());
      return;
    }
    completeOne(
        ModelStreamInferResponse.newBuilder()
            .setErrorMessage(e.getMessage())
            .setInferResponse(
                ModelInferResponse.newBuilder()
                    .setId(request.getId())
                    .setModelName(request.getModelName())
                    .setModelVersion(request.getModelVersion()))
            .build());
  }

  @Override
  public synchronized void send(ModelStreamInferResponse response) {
    if (!closed && !out.isCancelled()) {
      if (grpcErrors && !response.getErrorMessage().isEmpty()) {
        closed = true;
        out.onError(
            Status.INTERNAL.withDescription(response.getErrorMessage()).asRuntimeException());
        return;
      }
      out.onNext(response);
    }
  }

  @Override
  public void finished(GenerationJob job) {
    synchronized (this) {
      running.remove(job);
    }
    done();
  }

  private synchronized void done() {
    pending--;
    completeIfDone();
  }

  @Override
  public void onError(Throwable t) {
    cancelAll();
  }

  @Override
  public synchronized void onCompleted() {
    halfClosed = true;
    completeIfDone();
  }

  private void completeIfDone() {
    if (halfClosed && pending == 0 && !closed) {
      closed = true;
      if (!out.isCancelled()) {
        out.onCompleted();
      }
    }
  }

  private void cancelAll() {
    Map<GenerationJob, GenerationScheduler> jobs;
    synchronized (this) {
      jobs = new HashMap<>(running);
    }
    jobs.forEach((job, scheduler) -> scheduler.cancel(job));
  }
}
