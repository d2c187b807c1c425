package io.acbench.taskrunner.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.acbench.contracts.grpc.inference.GRPCInferenceServiceGrpc;
import io.acbench.contracts.grpc.inference.InferParameter;
import io.acbench.contracts.grpc.inference.ModelInferRequest;
import io.acbench.contracts.grpc.inference.ModelInferResponse;
import io.acbench.contracts.grpc.inference.ModelStreamInferResponse;
import io.acbench.inference.client.TritonClient;
import io.acbench.inference.client.TritonClientConfig;
import io.acbench.tasksuite.task.TaskCatalog;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Triton backend against a real Netty gRPC server that plays a decoupled vLLM model: two text
 * deltas, then a flags-only final response; the model "bad" answers with an in-stream error.
 */
class TritonInferenceBackendTest {

  /** The scripted model: echoes what it was asked in two deltas. */
  static final class ScriptedModel extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
    final List<ModelInferRequest> received = new CopyOnWriteArrayList<>();

    @Override
    public StreamObserver<ModelInferRequest> modelStreamInfer(
        StreamObserver<ModelStreamInferResponse> out) {
      return new StreamObserver<>() {
        @Override
        public void onNext(ModelInferRequest request) {
          received.add(request);
          if (request.getModelName().equals("bad")) {
            out.onNext(
                ModelStreamInferResponse.newBuilder()
                    .setErrorMessage("Request for unknown model: 'bad' is not found")
                    .setInferResponse(ModelInferResponse.newBuilder().setId(request.getId()))
                    .build());
            return;
          }
          out.onNext(delta(request.getId(), "Node:\n1: ", 3, false));
          out.onNext(delta(request.getId(), "go\nEdge: (START,1)", 4, false));
          out.onNext(
              ModelStreamInferResponse.newBuilder()
                  .setInferResponse(
                      ModelInferResponse.newBuilder()
                          .setId(request.getId())
                          .setModelName(request.getModelName())
                          .putParameters("triton_final_response", flag(true)))
                  .build());
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {
          out.onCompleted();
        }
      };
    }
  }

  static InferParameter flag(boolean b) {
    return InferParameter.newBuilder().setBoolParam(b).build();
  }

  static ModelStreamInferResponse delta(String id, String text, int tokens, boolean fin) {
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    ByteBuffer bytes = ByteBuffer.allocate(4 + t.length).order(ByteOrder.LITTLE_ENDIAN);
    bytes.putInt(t.length).put(t);
    ByteBuffer u32 = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(tokens);
    ByteBuffer in = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(21);
    return ModelStreamInferResponse.newBuilder()
        .setInferResponse(
            ModelInferResponse.newBuilder()
                .setId(id)
                .setModelName("llm")
                .putParameters("triton_final_response", flag(fin))
                .addOutputs(output("text_output", "BYTES"))
                .addRawOutputContents(ByteString.copyFrom(bytes.array()))
                .addOutputs(output("num_output_tokens", "UINT32"))
                .addRawOutputContents(ByteString.copyFrom(u32.array()))
                .addOutputs(output("num_input_tokens", "UINT32"))
                .addRawOutputContents(ByteString.copyFrom(in.array())))
        .build();
  }

  static ModelInferResponse.InferOutputTensor output(String name, String type) {
    return ModelInferResponse.InferOutputTensor.newBuilder()
        .setName(name)
        .setDatatype(type)
        .addShape(1)
        .build();
  }

  private final ScriptedModel model = new ScriptedModel();
  private Server server;
  private TritonClient client;

  @BeforeEach
  void start() throws Exception {
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("localhost", 0))
            .addService(model)
            .build()
            .start();
    client = new TritonClient(TritonClientConfig.of(List.of("localhost:" + server.getPort())));
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void aStreamedGenerationIsConcatenatedWithItsTokenCounts() throws Exception {
    Generation g =
        new TritonInferenceBackend(client)
            .generate("tiny", "the prompt", TaskCatalog.WORFBENCH_PARITY);
    assertThat(g.text()).isEqualTo("Node:\n1: go\nEdge: (START,1)");
    assertThat(g.completionTokens()).isEqualTo(7);
    assertThat(g.promptTokens()).isEqualTo(21);
    assertThat(g.latencyMillis()).isGreaterThanOrEqualTo(0);

    ModelInferRequest request = model.received.getFirst();
    assertThat(request.getModelName()).isEqualTo("tiny");
    JsonNode sampling = null;
    String prompt = null;
    for (int i = 0; i < request.getInputsCount(); i++) {
      String name = request.getInputs(i).getName();
      ByteBuffer raw =
          request.getRawInputContents(i).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      if (name.equals("sampling_parameters") || name.equals("text_input")) {
        byte[] b = new byte[raw.getInt()];
        raw.get(b);
        String s = new String(b, StandardCharsets.UTF_8);
        if (name.equals("text_input")) {
          prompt = s;
        } else {
          sampling = new ObjectMapper().readTree(s);
        }
      }
    }
    assertThat(prompt).isEqualTo("the prompt");
    assertThat(sampling.get("temperature").asDouble()).isZero();
    assertThat(sampling.get("top_p").asDouble()).isEqualTo(0.95);
    assertThat(sampling.get("max_tokens").asInt()).isEqualTo(1024);
    assertThat(sampling.get("stop"))
        .isEqualTo(new ObjectMapper().readTree("[\"END\",\"---\",\"\\n\\n\"]"));
    assertThat(sampling.get("stop_token_ids")).isEqualTo(new ObjectMapper().readTree("[128009]"));
  }

  @Test
  void anInStreamErrorBecomesAnInferenceExceptionNamingTheModel() {
    assertThatThrownBy(
            () -> new TritonInferenceBackend(client).generate("bad", "p", TaskCatalog.TEVAL))
        .isInstanceOf(InferenceException.class)
        .hasMessageContaining("model 'bad'")
        .hasMessageContaining("not found");
  }
}
