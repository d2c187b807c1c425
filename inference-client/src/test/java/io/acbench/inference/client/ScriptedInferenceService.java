package io.acbench.inference.client;

import io.acbench.contracts.grpc.inference.GRPCInferenceServiceGrpc;
import io.acbench.contracts.grpc.inference.ModelInferRequest;
import io.acbench.contracts.grpc.inference.ModelInferResponse;
import io.acbench.contracts.grpc.inference.ModelReadyRequest;
import io.acbench.contracts.grpc.inference.ModelReadyResponse;
import io.acbench.contracts.grpc.inference.ModelStreamInferResponse;
import io.acbench.contracts.grpc.inference.RepositoryIndexRequest;
import io.acbench.contracts.grpc.inference.RepositoryIndexResponse;
import io.acbench.contracts.grpc.inference.RepositoryModelLoadRequest;
import io.acbench.contracts.grpc.inference.RepositoryModelLoadResponse;
import io.acbench.contracts.grpc.inference.RepositoryModelUnloadRequest;
import io.acbench.contracts.grpc.inference.RepositoryModelUnloadResponse;
import io.acbench.contracts.grpc.inference.ServerLiveRequest;
import io.acbench.contracts.grpc.inference.ServerLiveResponse;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A scriptable fake of Triton's inference service for client tests: fails the next N calls with a
 * status, delays answers, streams a scripted list of responses (or endless deltas until cancelled)
 * and records what it received and whether the client cancelled.
 */
final class ScriptedInferenceService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

  /** Calls received per RPC name. */
  final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  final List<ModelInferRequest> received = new CopyOnWriteArrayList<>();
  final List<RepositoryModelLoadRequest> loads = new CopyOnWriteArrayList<>();
  final AtomicBoolean streamCancelled = new AtomicBoolean();
  final AtomicInteger streamResponsesSent = new AtomicInteger();

  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile Status failure = Status.UNAVAILABLE;
  volatile Duration delay = Duration.ZERO;
  volatile boolean modelReady = true;

  /** Responses for one stream request (ids filled in); null = endless deltas until cancelled. */
  volatile Function<ModelInferRequest, List<ModelStreamInferResponse>> streamScript =
      r -> List.of();

  /** Status that ends a stream after its script; null = OK after the client half-closes. */
  volatile Status streamEnd;

  volatile Duration streamInterval = Duration.ZERO;
  volatile Function<ModelInferRequest, ModelInferResponse> inferScript =
      r -> ModelInferResponse.newBuilder().setModelName(r.getModelName()).setId(r.getId()).build();

  private final ExecutorService producers = Executors.newCachedThreadPool();

  /** The next {@code n} calls (any RPC) fail with {@code status}. */
  void failNext(int n, Status status) {
    failure = status;
    failuresLeft.set(n);
  }

  int callCount(String rpc) {
    AtomicInteger c = calls.get(rpc);
    return c == null ? 0 : c.get();
  }

  private boolean enter(String rpc, StreamObserver<?> observer) {
    calls.computeIfAbsent(rpc, k -> new AtomicInteger()).incrementAndGet();
    if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      observer.onError(failure.asRuntimeException(new Metadata()));
      return false;
    }
    pause(delay);
    return true;
  }

  private static void pause(Duration d) {
    if (!d.isZero()) {
      try {
        Thread.sleep(d);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> out) {
    if (enter(Rpc.SERVER_LIVE, out)) {
      out.onNext(ServerLiveResponse.newBuilder().setLive(true).build());
      out.onCompleted();
    }
  }

  @Override
  public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> out) {
    calls.computeIfAbsent(Rpc.MODEL_READY, k -> new AtomicInteger()).incrementAndGet();
    out.onNext(ModelReadyResponse.newBuilder().setReady(modelReady).build());
    out.onCompleted();
  }

  @Override
  public void repositoryIndex(
      RepositoryIndexRequest request, StreamObserver<RepositoryIndexResponse> out) {
    if (enter(Rpc.REPOSITORY_INDEX, out)) {
      out.onNext(
          RepositoryIndexResponse.newBuilder()
              .addModels(
                  RepositoryIndexResponse.ModelIndex.newBuilder()
                      .setName("m1")
                      .setVersion("1")
                      .setState("READY"))
              .addModels(
                  RepositoryIndexResponse.ModelIndex.newBuilder()
                      .setName("m2")
                      .setState("UNAVAILABLE")
                      .setReason("unloaded"))
              .build());
      out.onCompleted();
    }
  }

  @Override
  public void repositoryModelLoad(
      RepositoryModelLoadRequest request, StreamObserver<RepositoryModelLoadResponse> out) {
    if (enter(Rpc.REPOSITORY_MODEL_LOAD, out)) {
      loads.add(request);
      out.onNext(RepositoryModelLoadResponse.getDefaultInstance());
      out.onCompleted();
    }
  }

  @Override
  public void repositoryModelUnload(
      RepositoryModelUnloadRequest request, StreamObserver<RepositoryModelUnloadResponse> out) {
    if (enter(Rpc.REPOSITORY_MODEL_UNLOAD, out)) {
      out.onNext(RepositoryModelUnloadResponse.getDefaultInstance());
      out.onCompleted();
    }
  }

  @Override
  public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> out) {
    if (enter(Rpc.MODEL_INFER, out)) {
      received.add(request);
      out.onNext(inferScript.apply(request));
      out.onCompleted();
    }
  }

  @Override
  public StreamObserver<ModelInferRequest> modelStreamInfer(
      StreamObserver<ModelStreamInferResponse> out) {
    ServerCallStreamObserver<ModelStreamInferResponse> call =
        (ServerCallStreamObserver<ModelStreamInferResponse>) out;
    call.setOnCancelHandler(() -> streamCancelled.set(true));
    AtomicBoolean failed = new AtomicBoolean();
    AtomicBoolean produced = new AtomicBoolean();
    AtomicBoolean halfClosed = new AtomicBoolean();
    if (!enter(Rpc.MODEL_STREAM_INFER, out)) {
      failed.set(true);
    }
    return new StreamObserver<>() {
      @Override
      public void onNext(ModelInferRequest request) {
        if (failed.get()) {
          return;
        }
        received.add(request);
        producers.execute(
            () -> {
              produce(call, request);
              synchronized (produced) {
                produced.set(true);
                if (halfClosed.get() && streamEnd == null && !call.isCancelled()) {
                  call.onCompleted();
                }
              }
            });
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        synchronized (produced) {
          halfClosed.set(true);
          if (produced.get() && streamEnd == null && !failed.get() && !call.isCancelled()) {
            call.onCompleted();
          }
        }
      }
    };
  }

  private void produce(
      ServerCallStreamObserver<ModelStreamInferResponse> call, ModelInferRequest r) {
    List<ModelStreamInferResponse> script = streamScript == null ? null : streamScript.apply(r);
    if (script == null) {
      while (!call.isCancelled()) {
        send(call, Responses.delta(r.getId(), "x", 1, false));
        pause(streamInterval);
      }
      return;
    }
    for (ModelStreamInferResponse response : script) {
      if (call.isCancelled()) {
        return;
      }
      send(call, response);
      pause(streamInterval);
    }
    if (streamEnd != null && !call.isCancelled()) {
      call.onError(streamEnd.asRuntimeException());
    }
  }

  private void send(
      ServerCallStreamObserver<ModelStreamInferResponse> call, ModelStreamInferResponse response) {
    synchronized (call) {
      if (!call.isCancelled()) {
        call.onNext(response);
        streamResponsesSent.incrementAndGet();
      }
    }
  }
}
