package io.acbench.taskrunner.probe;

import com.google.protobuf.ByteString;
import io.acbench.contracts.grpc.inference.GRPCInferenceServiceGrpc;
import io.acbench.contracts.grpc.inference.ModelInferRequest;
import io.acbench.contracts.grpc.inference.ModelInferResponse;
import io.acbench.contracts.probe.ProbeReductions;
import io.acbench.contracts.probe.ProbeSequence;
import io.acbench.runtime.model.Transformer;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Probe models on a real Netty gRPC server, as the inference-server serves them
 * (inference-server/README.md §2): {@code ModelInfer} with {@code input_ids} / {@code
 * input_lengths} / {@code top_k} / optional {@code reference_ids} runs llm-runtime's full forward
 * pass of the model's checkpoint and answers the padded reductions ({@code num_tokens}, {@code
 * logsumexp}, {@code topk_ids}, {@code topk_logits}, {@code gram}, {@code reference_logits}). An
 * unknown model answers NOT_FOUND like Triton.
 */
public final class ProbeModelServer implements AutoCloseable {

  private final Server server;
  private final Map<String, Transformer> models = new HashMap<>();
  private final AtomicInteger requests = new AtomicInteger();

  /**
   * @param checkpoints probe model name → checkpoint directory
   */
  public ProbeModelServer(Map<String, Path> checkpoints) throws IOException {
    checkpoints.forEach((name, dir) -> models.put(name, Transformer.load(dir)));
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("localhost", 0))
            .maxInboundMessageSize(Integer.MAX_VALUE)
            .addService(new Service())
            .build()
            .start();
  }

  public String target() {
    return "localhost:" + server.getPort();
  }

  /** ModelInfer requests answered so far. */
  public int requests() {
    return requests.get();
  }

  /** The full logits (N, V) of a model on a sequence, from the same forward pass. */
  public float[][] logits(String model, int[] ids) {
    Transformer t = models.get(model);
    synchronized (t) {
      int vocab = t.config().vocabSize();
      float[] flat = t.forward(ids);
      float[][] out = new float[ids.length][vocab];
      for (int i = 0; i < ids.length; i++) {
        System.arraycopy(flat, i * vocab, out[i], 0, vocab);
      }
      return out;
    }
  }

  @Override
  public void close() {
    server.shutdownNow();
    models.values().forEach(Transformer::close);
  }

  private final class Service extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
    @Override
    public void modelInfer(ModelInferRequest r, StreamObserver<ModelInferResponse> out) {
      if (!models.containsKey(r.getModelName())) {
        out.onError(
            Status.NOT_FOUND
                .withDescription(
                    "Request for unknown model: '" + r.getModelName() + "' is not found")
                .asRuntimeException());
        return;
      }
      requests.incrementAndGet();
      out.onNext(answer(r));
      out.onCompleted();
    }
  }

  private ModelInferResponse answer(ModelInferRequest r) {
    long[] idShape = shape(r, "input_ids");
    int batch = (int) idShape[0];
    int width = (int) idShape[1];
    long[] ids = longs(r, "input_ids");
    long[] lengths = longs(r, "input_lengths");
    int k = (int) ints(r, "top_k").getInt(0);
    long[] refShape = shape(r, "reference_ids");
    long[] ref = refShape == null ? null : longs(r, "reference_ids");
    int kr = refShape == null ? 0 : (int) refShape[2];
    int longest = 0;
    for (long l : lengths) {
      longest = Math.max(longest, (int) l);
    }
    ByteBuffer num = le(8 * batch);
    ByteBuffer lse = le(4 * batch * longest);
    ByteBuffer topIds = le(8 * batch * longest * k);
    ByteBuffer topLogits = le(4 * batch * longest * k);
    ByteBuffer gram = le(8 * batch * longest * longest);
    ByteBuffer refLogits = le(4 * batch * longest * kr);
    for (int b = 0; b < batch; b++) {
      int n = (int) lengths[b];
      int[] seq = new int[n];
      for (int t = 0; t < n; t++) {
        seq[t] = (int) ids[b * width + t];
      }
      int[] refIds = null;
      if (ref != null) {
        refIds = new int[n * kr];
        for (int t = 0; t < n; t++) {
          for (int j = 0; j < kr; j++) {
            refIds[t * kr + j] = (int) ref[(b * (int) refShape[1] + t) * kr + j];
          }
        }
      }
      ProbeSequence s = ProbeReductions.reduce(seq, logits(r.getModelName(), seq), k, refIds);
      num.putLong(n);
      for (int t = 0; t < longest; t++) {
        lse.putFloat(t < n ? s.logSumExp()[t] : 0f);
        for (int j = 0; j < k; j++) {
          topIds.putLong(t < n ? s.topIds()[t * k + j] : -1);
          topLogits.putFloat(t < n ? s.topLogits()[t * k + j] : 0f);
        }
        for (int j = 0; j < longest; j++) {
          gram.putDouble(t < n && j < n ? s.gram()[t * n + j] : 0);
        }
        for (int j = 0; j < kr; j++) {
          refLogits.putFloat(t < n ? s.reference().logits()[t * kr + j] : 0f);
        }
      }
    }
    ModelInferResponse.Builder response =
        ModelInferResponse.newBuilder().setModelName(r.getModelName()).setId(r.getId());
    add(response, "num_tokens", "INT64", num, batch);
    add(response, "logsumexp", "FP32", lse, batch, longest);
    add(response, "topk_ids", "INT64", topIds, batch, longest, k);
    add(response, "topk_logits", "FP32", topLogits, batch, longest, k);
    add(response, "gram", "FP64", gram, batch, longest, longest);
    if (ref != null) {
      add(response, "reference_logits", "FP32", refLogits, batch, longest, kr);
    }
    return response.build();
  }

  private static void add(
      ModelInferResponse.Builder r, String name, String type, ByteBuffer data, long... shape) {
    var t = ModelInferResponse.InferOutputTensor.newBuilder().setName(name).setDatatype(type);
    for (long d : shape) {
      t.addShape(d);
    }
    r.addOutputs(t).addRawOutputContents(ByteString.copyFrom(data.array()));
  }

  private static ByteBuffer le(int bytes) {
    return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static int index(ModelInferRequest r, String name) {
    for (int i = 0; i < r.getInputsCount(); i++) {
      if (r.getInputs(i).getName().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static long[] shape(ModelInferRequest r, String name) {
    int i = index(r, name);
    return i < 0
        ? null
        : r.getInputs(i).getShapeList().stream().mapToLong(Long::longValue).toArray();
  }

  private static ByteBuffer ints(ModelInferRequest r, String name) {
    return r.getRawInputContents(index(r, name))
        .asReadOnlyByteBuffer()
        .order(ByteOrder.LITTLE_ENDIAN);
  }

  private static long[] longs(ModelInferRequest r, String name) {
    ByteBuffer buf = ints(r, name);
    long[] out = new long[buf.remaining() / 8];
    for (int i = 0; i < out.length; i++) {
      out[i] = buf.getLong();
    }
    return out;
  }
}
