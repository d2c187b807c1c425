package io.acbench.taskrunner.process;

import com.google.protobuf.ByteString;
import io.acbench.contracts.grpc.inference.GRPCInferenceServiceGrpc;
import io.acbench.contracts.grpc.inference.InferParameter;
import io.acbench.contracts.grpc.inference.ModelInferRequest;
import io.acbench.contracts.grpc.inference.ModelInferResponse;
import io.acbench.contracts.grpc.inference.ModelStreamInferResponse;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A decoupled "model" on a real Netty gRPC server: answers {@code ModelStreamInfer} with a text
 * derived from the prompt (two deltas and a flags-only final response). After {@code openCalls}
 * generations it holds every further request until {@link #open()}, so a test can kill the runner
 * while it waits on the model, mid-task.
 */
final class GatedModelServer implements AutoCloseable {

  private final Server server;
  private final AtomicInteger started = new AtomicInteger();
  private final CountDownLatch gate = new CountDownLatch(1);
  private final int openCalls;

  GatedModelServer(int openCalls) throws IOException {
    this.openCalls = openCalls;
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("localhost", 0))
            .addService(new Service())
            .build()
            .start();
  }

  String target() {
    return "localhost:" + server.getPort();
  }

  int started() {
    return started.get();
  }

  void open() {
    gate.countDown();
  }

  /** What the model answers for a prompt. */
  static String answer(String prompt) {
    return "Node:\n1: handle a prompt of " + prompt.length() + " chars\nEdge: (START,1) (1,2)";
  }

  private final class Service extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
    @Override
    public StreamObserver<ModelInferRequest> modelStreamInfer(
        StreamObserver<ModelStreamInferResponse> out) {
      return new StreamObserver<>() {
        @Override
        public void onNext(ModelInferRequest request) {
          if (started.incrementAndGet() > openCalls) {
            try {
              gate.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
          String prompt = text(request, "text_input");
          String text = answer(prompt);
          int half = text.length() / 2;
          synchronized (out) {
            out.onNext(delta(request.getId(), text.substring(0, half)));
            out.onNext(delta(request.getId(), text.substring(half)));
            out.onNext(
                ModelStreamInferResponse.newBuilder()
                    .setInferResponse(
                        ModelInferResponse.newBuilder()
                            .setId(request.getId())
                            .putParameters(
                                "triton_final_response",
                                InferParameter.newBuilder().setBoolParam(true).build()))
                    .build());
          }
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {
          synchronized (out) {
            out.onCompleted();
          }
        }
      };
    }
  }

  private static String text(ModelInferRequest request, String input) {
    for (int i = 0; i < request.getInputsCount(); i++) {
      if (request.getInputs(i).getName().equals(input)) {
        ByteBuffer raw =
            request.getRawInputContents(i).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        byte[] b = new byte[raw.getInt()];
        raw.get(b);
        return new String(b, StandardCharsets.UTF_8);
      }
    }
    throw new IllegalArgumentException("request without " + input);
  }

  private static ModelStreamInferResponse delta(String id, String text) {
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(4 + t.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(t.length).put(t);
    return ModelStreamInferResponse.newBuilder()
        .setInferResponse(
            ModelInferResponse.newBuilder()
                .setId(id)
                .putParameters(
                    "triton_final_response",
                    InferParameter.newBuilder().setBoolParam(false).build())
                .addOutputs(
                    ModelInferResponse.InferOutputTensor.newBuilder()
                        .setName("text_output")
                        .setDatatype("BYTES")
                        .addShape(1))
                .addRawOutputContents(ByteString.copyFrom(b.array())))
        .build();
  }

  @Override
  public void close() throws InterruptedException {
    open();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
