package io.acbench.inference.grpc;

import static io.acbench.inference.Requests.generation;
import static io.acbench.inference.Requests.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.acbench.contracts.grpc.health.HealthCheckRequest;
import io.acbench.contracts.grpc.health.HealthCheckResponse.ServingStatus;
import io.acbench.contracts.grpc.health.HealthGrpc;
import io.acbench.contracts.grpc.inference.*;
import io.acbench.contracts.grpc.inference.ModelInferRequest.InferInputTensor;
import io.acbench.inference.GrpcTestChannel;
import io.acbench.inference.Requests;
import io.acbench.inference.Requests.StreamCall;
import io.acbench.inference.model.ModelManager;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every RPC and every error case of kserve-v2-protocol.md §5.2 over real gRPC (stubs). */
@QuarkusTest
class InferenceConformanceTest {

  private static final String GREEDY = "{\"temperature\": 0, \"max_tokens\": 4}";

  @Inject ModelManager models;

  @BeforeAll
  static void load() throws Exception {
    GrpcTestChannel.load("tiny-gen");
    GrpcTestChannel.load("tiny-probe");
  }

  private static GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub rpc() {
    return GrpcTestChannel.blocking();
  }

  private static void assertStatus(Runnable call, Status.Code code, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(code);
              assertThat(e.getStatus().getDescription()).contains(message);
            });
  }

  @Test
  void healthAndServerMetadata() {
    assertThat(rpc().serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
    var meta = rpc().serverMetadata(ServerMetadataRequest.getDefaultInstance());
    assertThat(meta.getName()).isEqualTo("triton");
    assertThat(meta.getExtensionsList()).contains("model_repository", "statistics");
    assertThat(
            rpc().modelReady(ModelReadyRequest.newBuilder().setName("tiny-gen").build()).getReady())
        .isTrue();
    assertThat(
            rpc()
                .modelReady(
                    ModelReadyRequest.newBuilder().setName("tiny-gen").setVersion("1").build())
                .getReady())
        .isTrue();
  }

  @Test
  void metadataAndConfigFollowTheVllmAndProbeContracts() {
    var meta = rpc().modelMetadata(ModelMetadataRequest.newBuilder().setName("tiny-gen").build());
    assertThat(meta.getPlatform()).isEqualTo("vllm");
    assertThat(meta.getVersionsList()).containsExactly("1");
    assertThat(meta.getInputsList())
        .anySatisfy(
            t -> {
              assertThat(t.getName()).isEqualTo("text_input");
              assertThat(t.getDatatype()).isEqualTo("BYTES");
              assertThat(t.getShapeList()).containsExactly(1L);
            });
    assertThat(meta.getOutputsList())
        .extracting(ModelMetadataResponse.TensorMetadata::getName)
        .contains("text_output", "logprobs", "num_output_tokens", "finish_reason");
    var config =
        rpc().modelConfig(ModelConfigRequest.newBuilder().setName("tiny-gen").build()).getConfig();
    assertThat(config.getModelTransactionPolicy().getDecoupled()).isTrue();
    assertThat(config.getMaxBatchSize()).isZero();
    assertThat(config.getInstanceGroup(0).getKind()).isEqualTo(ModelInstanceGroup.Kind.KIND_MODEL);
    var probe =
        rpc()
            .modelConfig(ModelConfigRequest.newBuilder().setName("tiny-probe").build())
            .getConfig();
    assertThat(probe.getModelTransactionPolicy().getDecoupled()).isFalse();
    assertThat(probe.getParametersMap().get("acbench_kind").getStringValue()).isEqualTo("probe");
    assertThat(
            rpc()
                .modelMetadata(ModelMetadataRequest.newBuilder().setName("tiny-probe").build())
                .getPlatform())
        .isEqualTo("python");
  }

  @Test
  void repositoryLoadUnloadAndIndexStates() {
    rpc()
        .repositoryModelLoad(
            RepositoryModelLoadRequest.newBuilder().setModelName("tiny-gen-b").build());
    assertThat(state("tiny-gen-b").getState()).isEqualTo("READY");
    rpc()
        .repositoryModelUnload(
            RepositoryModelUnloadRequest.newBuilder().setModelName("tiny-gen-b").build());
    var unloaded = state("tiny-gen-b");
    assertThat(unloaded.getState()).isEqualTo("UNAVAILABLE");
    assertThat(unloaded.getReason()).isEqualTo("unloaded");
    // no ready version / explicit version not ready
    assertStatus(
        () -> rpc().modelReady(ModelReadyRequest.newBuilder().setName("tiny-gen-b").build()),
        Status.Code.NOT_FOUND,
        "Request for unknown model: 'tiny-gen-b' has no available versions");
    assertStatus(
        () ->
            rpc()
                .modelReady(
                    ModelReadyRequest.newBuilder().setName("tiny-gen-b").setVersion("1").build()),
        Status.Code.UNAVAILABLE,
        "version 1 is not at ready state");
    // unloading twice succeeds; ready-only index hides it
    rpc()
        .repositoryModelUnload(
            RepositoryModelUnloadRequest.newBuilder().setModelName("tiny-gen-b").build());
    assertThat(
            rpc()
                .repositoryIndex(RepositoryIndexRequest.newBuilder().setReady(true).build())
                .getModelsList())
        .extracting(RepositoryIndexResponse.ModelIndex::getName)
        .contains("tiny-gen")
        .doesNotContain("tiny-gen-b");
    // a failing load: INTERNAL, UNAVAILABLE with the reason, and the server is no longer ready
    assertStatus(
        () ->
            rpc()
                .repositoryModelLoad(
                    RepositoryModelLoadRequest.newBuilder().setModelName("broken").build()),
        Status.Code.INTERNAL,
        "failed to load 'broken'");
    assertThat(state("broken").getState()).isEqualTo("UNAVAILABLE");
    assertThat(state("broken").getReason()).contains("failed to load 'broken'");
    assertThat(rpc().serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isFalse();
    var health = HealthGrpc.newBlockingStub(GrpcTestChannel.channel());
    assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
        .isEqualTo(ServingStatus.NOT_SERVING);
    rpc()
        .repositoryModelUnload(
            RepositoryModelUnloadRequest.newBuilder().setModelName("broken").build());
    assertThat(rpc().serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
    assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
        .isEqualTo(ServingStatus.SERVING);
    assertStatus(
        () ->
            rpc()
                .repositoryModelLoad(
                    RepositoryModelLoadRequest.newBuilder().setModelName("nope").build()),
        Status.Code.NOT_FOUND,
        "failed to load 'nope'");
  }

  private static RepositoryIndexResponse.ModelIndex state(String name) {
    return rpc()
        .repositoryIndex(RepositoryIndexRequest.getDefaultInstance())
        .getModelsList()
        .stream()
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void unknownModelsAndVersions() {
    assertStatus(
        () -> rpc().modelReady(ModelReadyRequest.newBuilder().setName("nope").build()),
        Status.Code.NOT_FOUND,
        "Request for unknown model: 'nope' is not found");
    assertStatus(
        () ->
            rpc()
                .modelMetadata(
                    ModelMetadataRequest.newBuilder().setName("tiny-gen").setVersion("7").build()),
        Status.Code.NOT_FOUND,
        "Request for unknown model: 'tiny-gen' version 7 is not found");
    assertStatus(
        () ->
            rpc()
                .modelConfig(
                    ModelConfigRequest.newBuilder().setName("tiny-gen").setVersion("x").build()),
        Status.Code.INVALID_ARGUMENT,
        "failed to parse version 'x'");
    assertStatus(
        () -> rpc().modelStatistics(ModelStatisticsRequest.newBuilder().setName("nope").build()),
        Status.Code.NOT_FOUND,
        "is not found");
    assertStatus(
        () -> rpc().modelInfer(ModelInferRequest.newBuilder().setModelName("nope").build()),
        Status.Code.NOT_FOUND,
        "Request for unknown model: 'nope' is not found");
  }

  @Test
  void modelInferOnTheDecoupledModelIsUnimplemented() {
    assertStatus(
        () -> rpc().modelInfer(generation("tiny-gen", "x", "hi", false, GREEDY).build()),
        Status.Code.UNIMPLEMENTED,
        "ModelInfer RPC doesn't support models with decoupled transaction policy");
  }

  @Test
  void inputErrorsAreInvalidArgument() {
    var wrongType =
        ModelInferRequest.newBuilder()
            .setModelName("tiny-probe")
            .addInputs(
                InferInputTensor.newBuilder()
                    .setName("text_input")
                    .setDatatype("FP32")
                    .addShape(1)
                    .setContents(InferTensorContents.newBuilder().addFp32Contents(1)));
    assertStatus(
        () -> rpc().modelInfer(wrongType.build()),
        Status.Code.INVALID_ARGUMENT,
        "inference input 'text_input' data-type is 'FP32', but model 'tiny-probe' expects 'BYTES'");
    var unknownInput = ModelInferRequest.newBuilder().setModelName("tiny-probe");
    Requests.addBytes(unknownInput, "prompt", "hi");
    assertStatus(
        () -> rpc().modelInfer(unknownInput.build()),
        Status.Code.INVALID_ARGUMENT,
        "unexpected inference input 'prompt' for model 'tiny-probe'");
    var shape =
        ModelInferRequest.newBuilder()
            .setModelName("tiny-probe")
            .addInputs(
                InferInputTensor.newBuilder()
                    .setName("top_k")
                    .setDatatype("INT32")
                    .addShape(2)
                    .setContents(
                        InferTensorContents.newBuilder().addIntContents(1).addIntContents(2)));
    Requests.addBytes(shape, "text_input", "hi");
    shape
        .clearRawInputContents()
        .setInputs(
            1,
            shape.getInputs(1).toBuilder()
                .setContents(
                    InferTensorContents.newBuilder()
                        .addBytesContents(ByteString.copyFromUtf8("hi"))));
    assertStatus(
        () -> rpc().modelInfer(shape.build()),
        Status.Code.INVALID_ARGUMENT,
        "unexpected shape for input 'top_k' for model 'tiny-probe'. Expected [1], got [2]");
    var dynamic =
        ModelInferRequest.newBuilder()
            .setModelName("tiny-probe")
            .addInputs(
                InferInputTensor.newBuilder()
                    .setName("text_input")
                    .setDatatype("BYTES")
                    .addShape(-1));
    assertStatus(
        () -> rpc().modelInfer(dynamic.build()),
        Status.Code.INVALID_ARGUMENT,
        "All input dimensions should be specified for input 'text_input'");
    var mixed = ModelInferRequest.newBuilder().setModelName("tiny-probe");
    Requests.addBytes(mixed, "text_input", "hi");
    mixed.addInputs(
        InferInputTensor.newBuilder()
            .setName("top_k")
            .setDatatype("INT32")
            .addShape(1)
            .setContents(InferTensorContents.newBuilder().addIntContents(1)));
    mixed.addRawInputContents(ByteString.copyFrom(new byte[4]));
    assertStatus(
        () -> rpc().modelInfer(mixed.build()),
        Status.Code.INVALID_ARGUMENT,
        "contents field must not be specified when using raw_input_contents");
    var noData =
        ModelInferRequest.newBuilder()
            .setModelName("tiny-probe")
            .addInputs(
                InferInputTensor.newBuilder()
                    .setName("text_input")
                    .setDatatype("BYTES")
                    .addShape(1));
    assertStatus(
        () -> rpc().modelInfer(noData.build()),
        Status.Code.INVALID_ARGUMENT,
        "unable to find data for input tensor 'text_input'");
    var size =
        ModelInferRequest.newBuilder()
            .setModelName("tiny-probe")
            .addInputs(
                InferInputTensor.newBuilder().setName("top_k").setDatatype("INT32").addShape(1))
            .addRawInputContents(ByteString.copyFrom(new byte[3]));
    assertStatus(
        () -> rpc().modelInfer(size.build()),
        Status.Code.INVALID_ARGUMENT,
        "input byte size mismatch for input 'top_k'");
    var badBytes =
        ModelInferRequest.newBuilder()
            .setModelName("tiny-probe")
            .addInputs(
                InferInputTensor.newBuilder()
                    .setName("text_input")
                    .setDatatype("BYTES")
                    .addShape(1))
            .addRawInputContents(ByteString.copyFrom(new byte[] {9, 0, 0, 0, 'h'}));
    assertStatus(
        () -> rpc().modelInfer(badBytes.build()),
        Status.Code.INVALID_ARGUMENT,
        "element byte size indicator exceeds the end of the buffer");
    var reserved =
        ModelInferRequest.newBuilder()
            .setModelName("tiny-probe")
            .putParameters(
                "triton_anything", InferParameter.newBuilder().setBoolParam(true).build());
    Requests.addBytes(reserved, "text_input", "hi");
    assertStatus(
        () -> rpc().modelInfer(reserved.build()),
        Status.Code.INVALID_ARGUMENT,
        "parameter keys starting with 'triton_' are reserved");
    var badOutput =
        ModelInferRequest.newBuilder()
            .setModelName("tiny-probe")
            .addOutputs(
                ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("energy"));
    Requests.addBytes(badOutput, "text_input", "hi");
    assertStatus(
        () -> rpc().modelInfer(badOutput.build()),
        Status.Code.INVALID_ARGUMENT,
        "unexpected inference output 'energy' for model 'tiny-probe'");
    var topK = ModelInferRequest.newBuilder().setModelName("tiny-probe");
    Requests.addBytes(topK, "text_input", "hi");
    topK.addInputs(InferInputTensor.newBuilder().setName("top_k").setDatatype("INT32").addShape(1))
        .addRawInputContents(ByteString.copyFrom(new byte[] {65, 0, 0, 0}));
    assertStatus(() -> rpc().modelInfer(topK.build()), Status.Code.INVALID_ARGUMENT, "top_k");
  }

  @Test
  void streamErrorsComeBackAsErrorMessagesWithTheRequestId() throws Exception {
    var unknown = generation("nope", "u1", "hi", false, GREEDY).build();
    var noText = ModelInferRequest.newBuilder().setModelName("tiny-gen").setId("u2");
    Requests.addBool(noText, "stream", true);
    var badJson = generation("tiny-gen", "u3", "hi", false, "{not json").build();
    var unknownKey = generation("tiny-gen", "u4", "hi", false, "{\"best_of\": 2}").build();
    var ok = generation("tiny-gen", "u5", "hi", false, GREEDY).build();
    StreamCall call = stream(unknown, noText.build(), badJson, unknownKey, ok);
    assertThat(call.end.get(30, TimeUnit.SECONDS)).isNull();
    assertThat(call.responses).hasSize(5);
    var byId = new java.util.HashMap<String, ModelStreamInferResponse>();
    call.responses.forEach(r -> byId.put(r.getInferResponse().getId(), r));
    assertThat(byId.get("u1").getErrorMessage())
        .isEqualTo("Request for unknown model: 'nope' is not found");
    assertThat(byId.get("u1").getInferResponse().getParametersMap())
        .doesNotContainKey("triton_final_response");
    assertThat(byId.get("u2").getErrorMessage())
        .contains("missing required input(s) ['text_input']");
    assertThat(byId.get("u3").getErrorMessage())
        .startsWith("Error generating stream: sampling_parameters is not valid JSON");
    assertThat(Requests.isFinal(byId.get("u3").getInferResponse())).isTrue();
    assertThat(byId.get("u4").getErrorMessage()).contains("'best_of'");
    assertThat(byId.get("u5").getErrorMessage()).isEmpty();
    assertThat(Requests.string(byId.get("u5").getInferResponse(), "text_output")).startsWith("hi");
  }

  @Test
  void tritonGrpcErrorHeaderEndsTheStreamWithTheRealStatus() throws Exception {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("triton_grpc_error", Metadata.ASCII_STRING_MARSHALLER), "true");
    StreamCall call = new StreamCall();
    var observer =
        GrpcTestChannel.async()
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
            .modelStreamInfer(call);
    observer.onNext(generation("nope", "h1", "hi", false, GREEDY).build());
    observer.onCompleted();
    Throwable end = call.end.get(30, TimeUnit.SECONDS);
    assertThat(Status.fromThrowable(end).getCode()).isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void aFullQueueAnswersUnavailable() throws Exception {
    GrpcTestChannel.load("tiny-gen-q");
    var scheduler = models.resolve("tiny-gen-q", "").generation().scheduler();
    scheduler.suspend();
    try {
      StreamCall first = stream(generation("tiny-gen-q", "a", "hi", true, GREEDY).build());
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.inFlight() == 1);
      StreamCall second = stream(generation("tiny-gen-q", "b", "hi", true, GREEDY).build());
      assertThat(second.end.get(30, TimeUnit.SECONDS)).isNull();
      assertThat(second.responses.getFirst().getErrorMessage())
          .isEqualTo("Exceeds maximum queue size");
      Metadata headers = new Metadata();
      headers.put(Metadata.Key.of("triton_grpc_error", Metadata.ASCII_STRING_MARSHALLER), "true");
      StreamCall third = new StreamCall();
      var o =
          GrpcTestChannel.async()
              .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
              .modelStreamInfer(third);
      o.onNext(generation("tiny-gen-q", "c", "hi", true, GREEDY).build());
      o.onCompleted();
      assertThat(Status.fromThrowable(third.end.get(30, TimeUnit.SECONDS)).getCode())
          .isEqualTo(Status.Code.UNAVAILABLE);
      scheduler.resume();
      assertThat(first.end.get(30, TimeUnit.SECONDS)).isNull();
      assertThat(first.responses).hasSize(4);
    } finally {
      scheduler.resume();
    }
  }

  @Test
  void statisticsCountRequestsAndExecutions() throws Exception {
    var before =
        rpc()
            .modelStatistics(ModelStatisticsRequest.newBuilder().setName("tiny-probe").build())
            .getModelStats(0);
    var req = ModelInferRequest.newBuilder().setModelName("tiny-probe");
    Requests.addBytes(req, "text_input", "one two", "three four");
    rpc().modelInfer(req.build());
    var after =
        rpc()
            .modelStatistics(ModelStatisticsRequest.newBuilder().setName("tiny-probe").build())
            .getModelStats(0);
    assertThat(after.getInferenceCount()).isEqualTo(before.getInferenceCount() + 1);
    assertThat(after.getExecutionCount()).isEqualTo(before.getExecutionCount() + 2);
    assertThat(after.getInferenceStats().getSuccess().getNs())
        .isGreaterThan(before.getInferenceStats().getSuccess().getNs());
    assertThat(after.getVersion()).isEqualTo("1");
    var all = rpc().modelStatistics(ModelStatisticsRequest.getDefaultInstance());
    assertThat(all.getModelStatsList())
        .extracting(ModelStatistics::getName)
        .contains("tiny-probe", "tiny-gen");
  }

  @Test
  void sharedMemoryTraceAndLogRpcsAreUnimplemented() {
    assertStatus(
        () -> rpc().systemSharedMemoryStatus(SystemSharedMemoryStatusRequest.getDefaultInstance()),
        Status.Code.UNIMPLEMENTED,
        "");
    assertStatus(
        () -> rpc().cudaSharedMemoryRegister(CudaSharedMemoryRegisterRequest.getDefaultInstance()),
        Status.Code.UNIMPLEMENTED,
        "");
    assertStatus(
        () -> rpc().traceSetting(TraceSettingRequest.getDefaultInstance()),
        Status.Code.UNIMPLEMENTED,
        "");
    assertStatus(
        () -> rpc().logSettings(LogSettingsRequest.getDefaultInstance()),
        Status.Code.UNIMPLEMENTED,
        "");
  }
}
