package io.acbench.inference.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.acbench.contracts.grpc.inference.ModelInferRequest;
import io.acbench.contracts.grpc.inference.ModelInferResponse;
import io.grpc.Status;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProbeAndLargeMessageTest {

  private FakeTritonServer server;
  private TritonClient client;

  @BeforeEach
  void start() throws Exception {
    server = FakeTritonServer.start();
    client =
        new TritonClient(
            TritonClientConfig.of(List.of(server.target()))
                .withDeadlines(Deadlines.all(Duration.ofSeconds(10)))
                .withRetry(UnaryCallsTest.FAST_RETRIES));
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
  }

  private static ByteBuffer le(int bytes) {
    return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** A 6 MiB FP32 output: element i = i / 2. */
  private static ModelInferResponse sixMebibytes(ModelInferRequest r) {
    int n = 6 * 1024 * 1024 / 4;
    ByteBuffer buf = le(n * 4);
    for (int i = 0; i < n; i++) {
      buf.putFloat(i / 2.0f);
    }
    return ModelInferResponse.newBuilder()
        .setModelName(r.getModelName())
        .addOutputs(Responses.tensor("logits", "FP32", 1, n))
        .addRawOutputContents(ByteString.copyFrom(buf.array()))
        .build();
  }

  @Test
  void responsesOverFourMebibytesAreReceived() {
    server.service.inferScript = ProbeAndLargeMessageTest::sixMebibytes;

    InferResult r = client.infer(ModelInferRequest.newBuilder().setModelName("big").build());

    float[] logits = r.require("logits").asFloats();
    assertThat(logits).hasSize(6 * 1024 * 1024 / 4);
    assertThat(logits[0]).isZero();
    assertThat(logits[1_000_001]).isEqualTo(500_000.5f);
    assertThat(logits[logits.length - 1]).isEqualTo((logits.length - 1) / 2.0f);
  }

  @Test
  void grpcDefaultLimitWouldRefuseTheSameResponse() {
    server.service.inferScript = ProbeAndLargeMessageTest::sixMebibytes;
    try (TritonClient small =
        new TritonClient(
            TritonClientConfig.of(List.of(server.target()))
                .withMaxInboundMessageSize(4 * 1024 * 1024)
                .withRetry(RetryPolicy.none()))) {
      assertThatThrownBy(
              () -> small.infer(ModelInferRequest.newBuilder().setModelName("big").build()))
          .isInstanceOfSatisfying(
              TritonException.class,
              e -> assertThat(e.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
    }
  }

  /** Fills padded probe outputs with value(b, t, j) = 100 b + 10 t + j, as a server would. */
  private static ModelInferResponse probeOutputs(ModelInferRequest r, long[] lengths, int k) {
    int batch = lengths.length;
    int t = 3;
    ByteBuffer n = le(8 * batch);
    ByteBuffer lse = le(4 * batch * t);
    ByteBuffer ids = le(8 * batch * t * k);
    ByteBuffer logits = le(4 * batch * t * k);
    ByteBuffer gram = le(8 * batch * t * t);
    for (int b = 0; b < batch; b++) {
      n.putLong(lengths[b]);
      for (int i = 0; i < t; i++) {
        lse.putFloat(100 * b + 10 * i);
        for (int j = 0; j < k; j++) {
          ids.putLong(i < lengths[b] ? 100 * b + 10 * i + j : -1);
          logits.putFloat(100 * b + 10 * i + j + 0.5f);
        }
        for (int j = 0; j < t; j++) {
          gram.putDouble(100 * b + 10 * i + j + 0.25);
        }
      }
    }
    return ModelInferResponse.newBuilder()
        .setModelName(r.getModelName())
        .setModelVersion("1")
        .addOutputs(Responses.tensor("num_tokens", "INT64", batch))
        .addRawOutputContents(ByteString.copyFrom(n.array()))
        .addOutputs(Responses.tensor("logsumexp", "FP32", batch, t))
        .addRawOutputContents(ByteString.copyFrom(lse.array()))
        .addOutputs(Responses.tensor("topk_ids", "INT64", batch, t, k))
        .addRawOutputContents(ByteString.copyFrom(ids.array()))
        .addOutputs(Responses.tensor("topk_logits", "FP32", batch, t, k))
        .addRawOutputContents(ByteString.copyFrom(logits.array()))
        .addOutputs(Responses.tensor("gram", "FP64", batch, t, t))
        .addRawOutputContents(ByteString.copyFrom(gram.array()))
        .build();
  }

  @Test
  void probeOnTokenIdsSendsPaddedIdsAndSplitsThePaddedOutputs() {
    server.service.inferScript = r -> probeOutputs(r, new long[] {3, 2}, 2);

    ProbeResult result =
        client.probe(
            ProbeRequest.ofTokenIds("probe", List.of(new long[] {5, 6, 7}, new long[] {8, 9}), 2));

    ModelInferRequest sent = server.service.received.get(0);
    assertThat(sent.getInputsList())
        .extracting(ModelInferRequest.InferInputTensor::getName)
        .containsExactly("input_ids", "input_lengths", "top_k");
    assertThat(sent.getInputs(0).getShapeList()).containsExactly(2L, 3L);
    assertThat(sent.getInputs(0).getDatatype()).isEqualTo("INT64");
    ByteBuffer idsRaw =
        sent.getRawInputContents(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    List<Long> ids = new ArrayList<>();
    while (idsRaw.hasRemaining()) {
      ids.add(idsRaw.getLong());
    }
    assertThat(ids).containsExactly(5L, 6L, 7L, 8L, 9L, 0L);
    assertThat(
            sent.getRawInputContents(2)
                .asReadOnlyByteBuffer()
                .order(ByteOrder.LITTLE_ENDIAN)
                .getInt())
        .isEqualTo(2);

    assertThat(result.sequences()).hasSize(2);
    ProbeSequence s1 = result.sequences().get(1);
    assertThat(s1.numTokens()).isEqualTo(2);
    assertThat(s1.logsumexp()).containsExactly(100f, 110f);
    assertThat(s1.energy()).containsExactly(-100.0, -110.0);
    assertThat(s1.topkIds()).isDeepEqualTo(new long[][] {{100, 101}, {110, 111}});
    assertThat(s1.topkLogits()).isDeepEqualTo(new float[][] {{100.5f, 101.5f}, {110.5f, 111.5f}});
    assertThat(s1.gram()).isDeepEqualTo(new double[][] {{100.25, 101.25}, {110.25, 111.25}});
    assertThat(s1.hiddenStates()).isNull();
    ProbeSequence s0 = result.sequences().get(0);
    assertThat(s0.gram()[2]).containsExactly(20.25, 21.25, 22.25);
  }

  /** Answers reference_logits[b, t, j] = reference_ids[b, t, j] / 4 (as the server would read). */
  private static ModelInferResponse withReferenceLogits(ModelInferRequest r) {
    ModelInferResponse base = probeOutputs(r, new long[] {3, 2}, 2);
    int at = -1;
    for (int i = 0; i < r.getInputsCount(); i++) {
      if (r.getInputs(i).getName().equals("reference_ids")) {
        at = i;
      }
    }
    var shape = r.getInputs(at).getShapeList();
    ByteBuffer ids =
        r.getRawInputContents(at).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer out = le(ids.remaining() / 2);
    while (ids.hasRemaining()) {
      out.putFloat(ids.getLong() / 4f);
    }
    return base.toBuilder()
        .addOutputs(
            Responses.tensor("reference_logits", "FP32", shape.get(0), shape.get(1), shape.get(2)))
        .addRawOutputContents(ByteString.copyFrom(out.array()))
        .build();
  }

  @Test
  void referenceIdsAreSentPaddedAndReferenceLogitsComeBackPerSequence() {
    server.service.inferScript = ProbeAndLargeMessageTest::withReferenceLogits;
    List<long[][]> reference =
        List.of(new long[][] {{1, 2}, {3, 4}, {5, 6}}, new long[][] {{7, 8}, {9, 10}});

    ProbeResult result =
        client.probe(
            ProbeRequest.ofTokenIds("probe", List.of(new long[] {5, 6, 7}, new long[] {8, 9}), 2)
                .withReferenceIds(reference));

    ModelInferRequest sent = server.service.received.get(0);
    assertThat(sent.getInputs(2).getName()).isEqualTo("reference_ids");
    assertThat(sent.getInputs(2).getDatatype()).isEqualTo("INT64");
    assertThat(sent.getInputs(2).getShapeList()).containsExactly(2L, 3L, 2L);
    ByteBuffer raw =
        sent.getRawInputContents(2).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    List<Long> ids = new ArrayList<>();
    while (raw.hasRemaining()) {
      ids.add(raw.getLong());
    }
    assertThat(ids).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 0L, 0L);
    assertThat(result.sequences().get(0).referenceLogits())
        .isDeepEqualTo(new float[][] {{0.25f, 0.5f}, {0.75f, 1f}, {1.25f, 1.5f}});
    assertThat(result.sequences().get(1).referenceLogits())
        .isDeepEqualTo(new float[][] {{1.75f, 2f}, {2.25f, 2.5f}});
  }

  @Test
  void referenceIdsMustMatchTheSequences() {
    var request = ProbeRequest.ofTokenIds("p", List.of(new long[] {1, 2}), 1);
    assertThatThrownBy(() -> request.withReferenceIds(List.<long[][]>of(new long[][] {{1}})))
        .hasMessageContaining("referenceIds[0] has 1 positions, the sequence 2");
    assertThatThrownBy(
            () -> request.withReferenceIds(List.<long[][]>of(new long[][] {{1}, {1, 2}})))
        .hasMessageContaining("every position needs the same k in [1, 64]");
    assertThatThrownBy(
            () ->
                ProbeRequest.ofTexts("p", List.of("a"), 1)
                    .withReferenceIds(List.<long[][]>of(new long[][] {{1}})))
        .hasMessageContaining("referenceIds need tokenIds");
    assertThat(ProbeRequest.ofTexts("p", List.of("a"), 1).referenceIds()).isNull();
  }

  @Test
  void probeOnTextsSendsABytesBatch() {
    server.service.inferScript = r -> probeOutputs(r, new long[] {1, 3}, 1);

    ProbeResult result =
        client.probe(ProbeRequest.ofTexts("probe", List.of("a", "bcd"), 1).withHiddenStates());

    ModelInferRequest sent = server.service.received.get(0);
    assertThat(sent.getInputs(0).getName()).isEqualTo("text_input");
    assertThat(sent.getInputs(0).getShapeList()).containsExactly(2L);
    byte[] raw = sent.getRawInputContents(0).toByteArray();
    assertThat(raw).containsExactly(1, 0, 0, 0, 'a', 3, 0, 0, 0, 'b', 'c', 'd');
    assertThat(new String(raw, 9, 3, StandardCharsets.UTF_8)).isEqualTo("bcd");
    assertThat(sent.getInputs(2).getName()).isEqualTo("return_hidden_states");
    assertThat(result.sequences().get(0).topkIds()).isDeepEqualTo(new long[][] {{0}});
  }

  @Test
  void restrictedOutputsAlwaysIncludeTheLengths() {
    server.service.inferScript = r -> probeOutputs(r, new long[] {2}, 1);

    client.probe(ProbeRequest.ofTexts("probe", List.of("ab"), 1).withOutputs(Set.of("gram")));

    assertThat(server.service.received.get(0).getOutputsList())
        .extracting(ModelInferRequest.InferRequestedOutputTensor::getName)
        .containsExactlyInAnyOrder("gram", "num_tokens");
  }

  @Test
  void probeRequestsAreValidated() {
    assertThatThrownBy(() -> ProbeRequest.ofTexts("p", List.of("a"), 65))
        .hasMessage("topK must be in [0, 64], got 65");
    assertThatThrownBy(() -> ProbeRequest.ofTokenIds("p", List.of(new long[0]), 1))
        .hasMessage("tokenIds[0] must hold at least one token");
  }
}
