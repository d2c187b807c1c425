package io.acbench.inference;

import com.google.protobuf.ByteString;
import io.acbench.contracts.grpc.inference.ModelInferRequest;
import io.acbench.contracts.grpc.inference.ModelInferRequest.InferInputTensor;
import io.acbench.contracts.grpc.inference.ModelInferResponse;
import io.acbench.contracts.grpc.inference.ModelStreamInferResponse;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Builds requests with raw tensors and reads raw outputs, written from §1.11 for the tests. */
public final class Requests {

  private Requests() {}

  /** A vLLM-contract request: text, stream flag and sampling JSON; more inputs via the builder. */
  public static ModelInferRequest.Builder generation(
      String model, String id, String prompt, boolean stream, String sampling) {
    ModelInferRequest.Builder b = ModelInferRequest.newBuilder().setModelName(model).setId(id);
    addBytes(b, "text_input", prompt);
    addBool(b, "stream", stream);
    addBytes(b, "sampling_parameters", sampling);
    return b;
  }

  public static void addBytes(ModelInferRequest.Builder b, String name, String... values) {
    int size = 0;
    List<byte[]> bytes = new ArrayList<>();
    for (String v : values) {
      bytes.add(v.getBytes(StandardCharsets.UTF_8));
      size += 4 + bytes.getLast().length;
    }
    ByteBuffer buf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    for (byte[] v : bytes) {
      buf.putInt(v.length).put(v);
    }
    b.addInputs(
        InferInputTensor.newBuilder().setName(name).setDatatype("BYTES").addShape(values.length));
    b.addRawInputContents(ByteString.copyFrom(buf.array()));
  }

  public static void addBool(ModelInferRequest.Builder b, String name, boolean value) {
    b.addInputs(InferInputTensor.newBuilder().setName(name).setDatatype("BOOL").addShape(1));
    b.addRawInputContents(ByteString.copyFrom(new byte[] {(byte) (value ? 1 : 0)}));
  }

  public static int index(ModelInferResponse r, String name) {
    for (int i = 0; i < r.getOutputsCount(); i++) {
      if (r.getOutputs(i).getName().equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no output " + name + " in " + r.getOutputsList());
  }

  public static boolean has(ModelInferResponse r, String name) {
    return r.getOutputsList().stream().anyMatch(o -> o.getName().equals(name));
  }

  /** The first element of a BYTES output. */
  public static String string(ModelInferResponse r, String name) {
    ByteBuffer buf =
        r.getRawOutputContents(index(r, name))
            .asReadOnlyByteBuffer()
            .order(ByteOrder.LITTLE_ENDIAN);
    byte[] b = new byte[buf.getInt()];
    buf.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  public static ByteBuffer raw(ModelInferResponse r, String name) {
    return r.getRawOutputContents(index(r, name))
        .asReadOnlyByteBuffer()
        .order(ByteOrder.LITTLE_ENDIAN);
  }

  public static boolean isFinal(ModelInferResponse r) {
    var p = r.getParametersMap().get("triton_final_response");
    return p != null && p.getBoolParam();
  }

  /** Collects the responses of one ModelStreamInfer call and its end. */
  public static final class StreamCall
      implements ClientResponseObserver<ModelInferRequest, ModelStreamInferResponse> {
    public final List<ModelStreamInferResponse> responses = new CopyOnWriteArrayList<>();
    public final CompletableFuture<Throwable> end = new CompletableFuture<>();
    public volatile ClientCallStreamObserver<ModelInferRequest> requests;

    @Override
    public void beforeStart(ClientCallStreamObserver<ModelInferRequest> stream) {
      requests = stream;
    }

    @Override
    public void onNext(ModelStreamInferResponse value) {
      responses.add(value);
    }

    @Override
    public void onError(Throwable t) {
      end.complete(t);
    }

    @Override
    public void onCompleted() {
      end.complete(null);
    }

    /** The concatenated text_output of the data responses. */
    public String text() {
      StringBuilder sb = new StringBuilder();
      for (ModelStreamInferResponse r : responses) {
        if (r.getErrorMessage().isEmpty() && has(r.getInferResponse(), "text_output")) {
          sb.append(string(r.getInferResponse(), "text_output"));
        }
      }
      return sb.toString();
    }
  }

  /** Sends the requests on one call, half-closes, and returns the collector. */
  public static StreamCall stream(ModelInferRequest... requests) {
    StreamCall call = new StreamCall();
    var observer = GrpcTestChannel.async().modelStreamInfer(call);
    for (ModelInferRequest r : requests) {
      observer.onNext(r);
    }
    observer.onCompleted();
    return call;
  }
}
