package io.acbench.inference.client;

import io.acbench.contracts.grpc.inference.GRPCInferenceServiceGrpc;
import io.acbench.contracts.grpc.inference.ModelInferRequest;
import io.acbench.contracts.grpc.inference.ModelStreamInferResponse;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One generation over {@code ModelStreamInfer}, following the protocol page §2.3: one call per
 * request, a unique id, empty final responses enabled, half-close at once; completion on {@code
 * triton_final_response} or on the call ending OK. Failures before the first data response are
 * retried per {@link RetryDecision} on the next endpoint; after it, never.
 */
final class GenerationCall implements Generation {

  private final ClientContext ctx;
  private final GenerationRequest request;
  private final String requestId;
  private final ModelInferRequest proto;
  private final GenerationListener listener;
  private final Deadline deadline;
  private final BooleanSupplier modelReady;
  private final long startNanos = System.nanoTime();

  private int attempt;

  /** The attempt whose callbacks count; 0 while a retry is pending. */
  private int liveAttempt;

  private int internalFailures;
  private boolean done;
  private boolean cancelled;
  private ClientCallStreamObserver<ModelInferRequest> call;
  private ScheduledFuture<?> pendingRetry;

  private final StringBuilder text = new StringBuilder();
  private final List<List<TokenLogprob>> logprobs = new ArrayList<>();
  private long numInputTokens = -1;
  private long numOutputTokens = -1;
  private String finishReason;
  private double cumulativeLogprob = Double.NaN;
  private int dataResponses;
  private Duration timeToFirstResponse;

  GenerationCall(
      ClientContext ctx,
      GenerationRequest request,
      String requestId,
      GenerationListener listener,
      BooleanSupplier modelReady) {
    this.ctx = ctx;
    this.request = request;
    this.requestId = requestId;
    this.proto = request.toProto(requestId);
    this.listener = listener;
    this.modelReady = modelReady;
    this.deadline =
        Deadline.after(ctx.config().deadlines().generation().toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public String requestId() {
    return requestId;
  }

  @Override
  public synchronized boolean isDone() {
    return done;
  }

  /** §2.3 steps 1–3: open the call with the deadline, send the request, half-close. */
  synchronized void start() {
    if (done || cancelled) {
      return;
    }
    attempt++;
    liveAttempt = attempt;
    Endpoint endpoint = ctx.pool().pick();
    GRPCInferenceServiceGrpc.GRPCInferenceServiceStub stub = endpoint.async.withDeadline(deadline);
    if (ctx.config().tritonGrpcErrorHeader()) {
      Metadata headers = new Metadata();
      headers.put(
          Metadata.Key.of(VllmContract.GRPC_ERROR_HEADER, Metadata.ASCII_STRING_MARSHALLER),
          "true");
      stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }
    var requests = stub.modelStreamInfer(new AttemptObserver(attempt, endpoint));
    requests.onNext(proto);
    requests.onCompleted();
  }

  @Override
  public void cancel() {
    end(Status.Code.CANCELLED, "generation cancelled by the client");
  }

  /** Ends a generation the client can no longer serve (the client was closed). */
  void abort(String reason) {
    end(Status.Code.UNAVAILABLE, reason);
  }

  private void end(Status.Code code, String reason) {
    TritonException error;
    synchronized (this) {
      if (done) {
        return;
      }
      cancelled = true;
      if (pendingRetry != null) {
        pendingRetry.cancel(false);
      }
      if (call != null) {
        call.cancel(reason, null);
      }
      error = failure(code, reason, false, null);
    }
    listener.onError(error);
  }

  private final class AttemptObserver
      implements ClientResponseObserver<ModelInferRequest, ModelStreamInferResponse> {
    private final int number;
    private final Endpoint endpoint;

    AttemptObserver(int number, Endpoint endpoint) {
      this.number = number;
      this.endpoint = endpoint;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<ModelInferRequest> requestStream) {
      synchronized (GenerationCall.this) {
        call = requestStream;
      }
    }

    @Override
    public void onNext(ModelStreamInferResponse response) {
      onResponse(number, endpoint, response);
    }

    @Override
    public void onError(Throwable t) {
      Status s = Status.fromThrowable(t);
      String message =
          s.getDescription() != null ? s.getDescription() : String.valueOf(s.getCause());
      if (s.getCode() == Status.Code.DEADLINE_EXCEEDED) {
        message = "deadline of " + ctx.config().deadlines().generation() + " exceeded: " + message;
      }
      onFailure(number, endpoint, s.getCode(), message, false, t);
    }

    @Override
    public void onCompleted() {
      onCallOk(number);
    }
  }

  /** §2.3 step 4. */
  private void onResponse(int number, Endpoint endpoint, ModelStreamInferResponse response) {
    String error = response.getErrorMessage();
    if (!error.isEmpty()) {
      synchronized (this) {
        if (number == liveAttempt && call != null) {
          call.cancel("request failed in stream", null);
        }
      }
      onFailure(number, endpoint, StreamErrors.codeOf(error), error, true, null);
      return;
    }
    InferResult result = InferResult.decode(response.getInferResponse());
    boolean fin = result.boolParameter(VllmContract.FINAL_RESPONSE);
    GenerationChunk chunk = null;
    synchronized (this) {
      if (done || number != liveAttempt) {
        return;
      }
      if (!result.outputs().isEmpty()) {
        chunk = GenerationChunk.from(result, fin);
        accumulate(chunk);
      }
    }
    if (chunk != null) {
      listener.onChunk(chunk);
    }
    if (fin) {
      onCallOk(number);
    }
  }

  private void accumulate(GenerationChunk chunk) {
    if (dataResponses++ == 0) {
      timeToFirstResponse = Duration.ofNanos(System.nanoTime() - startNanos);
      ctx.metrics().firstResponse(request.modelName(), timeToFirstResponse.toNanos());
    }
    text.append(chunk.text());
    logprobs.addAll(chunk.logprobs());
    if (chunk.numInputTokens() >= 0) {
      numInputTokens = chunk.numInputTokens();
    }
    if (chunk.numOutputTokens() >= 0) {
      numOutputTokens = Math.max(numOutputTokens, 0) + chunk.numOutputTokens();
    }
    if (chunk.finishReason() != null) {
      finishReason = chunk.finishReason();
    }
    if (!Double.isNaN(chunk.cumulativeLogprob())) {
      cumulativeLogprob = chunk.cumulativeLogprob();
    }
  }

  /** The final response arrived, or the call ended OK: the request is complete (§2.3 step 5). */
  private void onCallOk(int number) {
    GenerationResult result;
    synchronized (this) {
      if (done || number != liveAttempt) {
        return;
      }
      done = true;
      long nanos = System.nanoTime() - startNanos;
      ctx.metrics().call(Rpc.MODEL_STREAM_INFER, request.modelName(), "OK", nanos);
      ctx.metrics().tokens(request.modelName(), "input", numInputTokens);
      ctx.metrics().tokens(request.modelName(), "output", numOutputTokens);
      result =
          new GenerationResult(
              requestId,
              request.modelName(),
              text.toString(),
              numInputTokens,
              numOutputTokens,
              finishReason,
              cumulativeLogprob,
              logprobs,
              dataResponses,
              timeToFirstResponse);
    }
    listener.onComplete(result);
  }

  private void onFailure(
      int number,
      Endpoint endpoint,
      Status.Code code,
      String message,
      boolean inStream,
      Throwable cause) {
    TritonException error;
    synchronized (this) {
      if (done || number != liveAttempt) {
        return;
      }
      if (code == Status.Code.UNAVAILABLE) {
        ctx.unavailable(endpoint);
      }
      if (code == Status.Code.INTERNAL || code == Status.Code.UNKNOWN) {
        internalFailures++;
      }
      RetryDecision decision =
          RetryDecision.decide(
              code,
              message,
              Rpc.MODEL_STREAM_INFER,
              attempt,
              internalFailures,
              dataResponses > 0,
              ctx.policy());
      if (decision != RetryDecision.FAIL && scheduleRetry(decision, endpoint, code, message)) {
        liveAttempt = 0;
        return;
      }
      error = failure(code, message, inStream, cause);
    }
    listener.onError(error);
  }

  /** Schedules the next attempt if the deadline leaves room for the backoff. */
  private boolean scheduleRetry(
      RetryDecision decision, Endpoint endpoint, Status.Code code, String message) {
    Duration wait = ctx.backoff().delay(attempt);
    if (deadline.timeRemaining(TimeUnit.NANOSECONDS) <= wait.toNanos() || cancelled) {
      return false;
    }
    ctx.metrics().retry(Rpc.MODEL_STREAM_INFER, request.modelName(), code.name());
    Runnable next =
        decision == RetryDecision.RETRY_AFTER_READY
            ? () -> retryWhenReady(endpoint, code, message)
            : this::start;
    try {
      pendingRetry = ctx.scheduler().schedule(next, wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closed) {
      return false;
    }
    return true;
  }

  /**
   * NOT_FOUND "has no available versions": retry once ModelReady says yes; a negative poll counts
   * as a failed attempt, so a model that never becomes ready ends the generation.
   */
  private void retryWhenReady(Endpoint endpoint, Status.Code code, String message) {
    if (modelReady.getAsBoolean()) {
      start();
      return;
    }
    int polled;
    synchronized (this) {
      if (done) {
        return;
      }
      polled = ++attempt;
      liveAttempt = polled;
    }
    onFailure(polled, endpoint, code, message, false, null);
  }

  private TritonException failure(
      Status.Code code, String message, boolean inStream, Throwable cause) {
    done = true;
    ctx.metrics()
        .call(
            Rpc.MODEL_STREAM_INFER,
            request.modelName(),
            code.name(),
            System.nanoTime() - startNanos);
    return new TritonException(
        code, Rpc.MODEL_STREAM_INFER, request.modelName(), message, inStream, cause);
  }
}
