package io.acbench.inference.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acbench.contracts.grpc.inference.ModelInferRequest;
import io.acbench.contracts.grpc.inference.ModelStreamInferResponse;
import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GenerationTest {

  private static final String LP1 =
      "[{\"9\": {\"logprob\": -0.5, \"rank\": 1, \"decoded_token\": \"Hel\"}}]";
  private static final String LP2 =
      "[{\"4\": {\"logprob\": -0.5, \"rank\": 1, \"decoded_token\": \"lo\"}}]";
  private static final String LP3 =
      "[{\"2\": {\"logprob\": -0.5, \"rank\": 1, \"decoded_token\": \"!\"},"
          + " \"5\": {\"logprob\": -2.0, \"rank\": 2, \"decoded_token\": \"?\"}}]";

  private FakeTritonServer server;
  private TritonClient client;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeEach
  void start() throws Exception {
    server = FakeTritonServer.start();
    client =
        new TritonClient(
            TritonClientConfig.of(List.of(server.target()))
                .withDeadlines(Deadlines.all(Duration.ofSeconds(10)))
                .withRetry(UnaryCallsTest.FAST_RETRIES)
                .withMeterRegistry(registry));
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
  }

  private static GenerationRequest request() {
    return GenerationRequest.streaming(
            "llm",
            "Say hello",
            SamplingParameters.builder().temperature(0.0).maxTokens(8).logprobs(1).build())
        .withLogprobs();
  }

  private static Map<String, byte[]> rawInputs(ModelInferRequest r) {
    Map<String, byte[]> m = new HashMap<>();
    for (int i = 0; i < r.getInputsCount(); i++) {
      m.put(r.getInputs(i).getName(), r.getRawInputContents(i).toByteArray());
    }
    return m;
  }

  private static String bytesElement(byte[] raw) {
    int len = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getInt();
    assertThat(raw.length).isEqualTo(4 + len);
    return new String(raw, 4, len, StandardCharsets.UTF_8);
  }

  @Test
  void streamingDeltasAccumulateIntoTheResult() throws Exception {
    server.service.streamScript =
        r ->
            List.of(
                Responses.full(r.getId(), "Hel", 5, 1, "None", -0.5f, LP1, false),
                Responses.full(r.getId(), "lo", 5, 1, "None", -1.0f, LP2, false),
                Responses.full(r.getId(), "!", 5, 1, "stop", -1.5f, LP3, true));

    GenerationResult result = client.generateAsync(request()).get(10, TimeUnit.SECONDS);

    assertThat(result.text()).isEqualTo("Hel" + "lo" + "!");
    assertThat(result.numInputTokens()).isEqualTo(5);
    assertThat(result.numOutputTokens()).isEqualTo(3);
    assertThat(result.finishReason()).isEqualTo("stop");
    assertThat(result.cumulativeLogprob()).isEqualTo(-1.5);
    assertThat(result.dataResponses()).isEqualTo(3);
    assertThat(result.logprobs()).hasSize(3);
    assertThat(result.logprobs().get(2))
        .containsExactly(new TokenLogprob(2, -0.5, 1, "!"), new TokenLogprob(5, -2.0, 2, "?"));
    assertThat(result.timeToFirstResponse()).isPositive();
    assertThat(registry.timer(ClientMetrics.FIRST_RESPONSE, "model", "llm").count()).isEqualTo(1);
    assertThat(registry.counter(ClientMetrics.TOKENS, "model", "llm", "kind", "output").count())
        .isEqualTo(3.0);
    assertThat(
            registry
                .timer(
                    ClientMetrics.CALLS, "rpc", "ModelStreamInfer", "model", "llm", "outcome", "OK")
                .count())
        .isEqualTo(1);
  }

  @Test
  void requestFollowsTheVllmContract() throws Exception {
    server.service.streamScript = r -> List.of(Responses.delta(r.getId(), "ok", 1, true));

    GenerationResult result = client.generateAsync(request()).get(10, TimeUnit.SECONDS);

    ModelInferRequest sent = server.service.received.get(0);
    assertThat(sent.getModelName()).isEqualTo("llm");
    assertThat(sent.getId()).isEqualTo(result.requestId()).isNotBlank();
    assertThat(sent.getParametersMap().get("triton_enable_empty_final_response").getBoolParam())
        .isTrue();
    Map<String, byte[]> raw = rawInputs(sent);
    assertThat(raw.keySet())
        .containsExactlyInAnyOrder(
            "text_input",
            "stream",
            "sampling_parameters",
            "exclude_input_in_output",
            "return_finish_reason",
            "return_cumulative_logprob",
            "return_logprobs",
            "return_num_input_tokens",
            "return_num_output_tokens");
    assertThat(bytesElement(raw.get("text_input"))).isEqualTo("Say hello");
    assertThat(raw.get("stream")).containsExactly(1);
    JsonNode sampling = new ObjectMapper().readTree(bytesElement(raw.get("sampling_parameters")));
    assertThat(sampling.get("max_tokens").asInt()).isEqualTo(8);
    assertThat(sampling.get("temperature").asDouble()).isZero();
    for (ModelInferRequest.InferInputTensor t : sent.getInputsList()) {
      assertThat(t.getShapeList()).as(t.getName()).containsExactly(1L);
      assertThat(t.getDatatype())
          .isEqualTo(
              t.getName().endsWith("_parameters") || t.getName().equals("text_input")
                  ? "BYTES"
                  : "BOOL");
    }
  }

  @Test
  void anEmptyFinalResponseCompletesTheGeneration() throws Exception {
    server.service.streamScript =
        r ->
            List.of(
                Responses.delta(r.getId(), "a", 1, false),
                Responses.delta(r.getId(), "b", 1, false),
                Responses.emptyFinal(r.getId()));
    server.service.streamEnd = Status.UNAVAILABLE.withDescription("must not be reached");

    GenerationResult result = client.generateAsync(request()).get(10, TimeUnit.SECONDS);

    assertThat(result.text()).isEqualTo("ab");
    assertThat(result.dataResponses()).isEqualTo(2);
  }

  @Test
  void theCallEndingOkCompletesAGenerationWithoutAFinalFlag() throws Exception {
    server.service.streamScript = r -> List.of(Responses.delta(r.getId(), "only", 1, false));

    assertThat(client.generateAsync(request()).get(10, TimeUnit.SECONDS).text()).isEqualTo("only");
  }

  @Test
  void aStreamingIteratorYieldsEveryChunkThenTheResult() {
    server.service.streamScript =
        r ->
            List.of(
                Responses.delta(r.getId(), "one ", 1, false),
                Responses.delta(r.getId(), "two", 1, true));
    List<String> texts = new ArrayList<>();
    try (GenerationStream stream = client.generateStream(request())) {
      stream.forEachRemaining(c -> texts.add(c.text()));
      assertThat(stream.result().text()).isEqualTo("one two");
    }
    assertThat(texts).containsExactly("one ", "two");
  }

  @Test
  void aFailureBeforeTheFirstResponseIsRetried() throws Exception {
    server.service.failNext(1, Status.UNAVAILABLE.withDescription("Server not ready"));
    AtomicInteger streams = new AtomicInteger();
    server.service.streamScript =
        r ->
            streams.incrementAndGet() == 1
                ? List.of(Responses.error(r.getId(), "Exceeds maximum queue size"))
                : List.of(Responses.delta(r.getId(), "fine", 1, true));

    GenerationResult result = client.generateAsync(request()).get(10, TimeUnit.SECONDS);

    assertThat(result.text()).isEqualTo("fine");
    assertThat(server.service.callCount(Rpc.MODEL_STREAM_INFER)).isEqualTo(3);
    assertThat(
            registry
                .counter(
                    ClientMetrics.RETRIES,
                    "rpc",
                    "ModelStreamInfer",
                    "model",
                    "llm",
                    "code",
                    "UNAVAILABLE")
                .count())
        .isEqualTo(2.0);
  }

  @Test
  void anInStreamErrorAfterPartialOutputIsNotRetried() {
    server.service.streamScript =
        r ->
            List.of(
                Responses.delta(r.getId(), "partial", 1, false),
                Responses.error(r.getId(), "Exceeds maximum queue size"));
    List<String> seen = new ArrayList<>();

    try (GenerationStream stream = client.generateStream(request())) {
      assertThatThrownBy(() -> stream.forEachRemaining(c -> seen.add(c.text())))
          .isInstanceOfSatisfying(
              TritonException.class,
              e -> {
                assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE);
                assertThat(e.inStream()).isTrue();
                assertThat(e.modelName()).isEqualTo("llm");
                assertThat(e.serverMessage()).isEqualTo("Exceeds maximum queue size");
              });
    }
    assertThat(seen).containsExactly("partial");
    assertThat(server.service.callCount(Rpc.MODEL_STREAM_INFER)).isEqualTo(1);
  }

  @Test
  void aStatusAfterPartialOutputIsNotRetried() {
    server.service.streamScript = r -> List.of(Responses.delta(r.getId(), "half", 1, false));
    server.service.streamEnd = Status.UNAVAILABLE.withDescription("connection reset");

    CompletableFuture<GenerationResult> f = client.generateAsync(request());

    assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            TritonException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE));
    assertThat(server.service.callCount(Rpc.MODEL_STREAM_INFER)).isEqualTo(1);
  }

  @Test
  void closingAStreamCancelsTheCallOnTheServer() {
    server.service.streamScript = null;
    server.service.streamInterval = Duration.ofMillis(5);

    try (GenerationStream stream = client.generateStream(request())) {
      for (int i = 0; i < 3; i++) {
        assertThat(stream.next().text()).isEqualTo("x");
      }
    }

    await().atMost(Duration.ofSeconds(5)).until(server.service.streamCancelled::get);
    int sent = server.service.streamResponsesSent.get();
    await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(2))
        .until(() -> server.service.streamResponsesSent.get() == sent);
  }

  @Test
  void cancellingTheFutureCancelsTheCallOnTheServer() {
    server.service.streamScript = null;
    server.service.streamInterval = Duration.ofMillis(5);
    CompletableFuture<GenerationResult> f = client.generateAsync(request());
    await().until(() -> server.service.streamResponsesSent.get() > 0);

    assertThat(f.cancel(true)).isTrue();

    await().atMost(Duration.ofSeconds(5)).until(server.service.streamCancelled::get);
    assertThat(
            registry
                .timer(
                    ClientMetrics.CALLS,
                    "rpc",
                    "ModelStreamInfer",
                    "model",
                    "llm",
                    "outcome",
                    "CANCELLED")
                .count())
        .isEqualTo(1);
  }

  @Test
  void aGenerationPastItsDeadlineFailsWithDeadlineExceeded() {
    server.service.streamScript = null;
    server.service.streamInterval = Duration.ofMillis(5);
    try (TritonClient hurried =
        new TritonClient(
            TritonClientConfig.of(List.of(server.target()))
                .withDeadlines(Deadlines.defaults().withGeneration(Duration.ofMillis(300)))
                .withRetry(UnaryCallsTest.FAST_RETRIES))) {

      // Connect first, so that the deadline runs out while the server is generating.
      assertThat(hurried.serverLive()).isTrue();
      CompletableFuture<GenerationResult> f = hurried.generateAsync(request());

      assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
          .cause()
          .isInstanceOfSatisfying(
              TritonException.class,
              e -> {
                assertThat(e.code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
                assertThat(e.getMessage()).contains("deadline of PT0.3S exceeded");
              });
      assertThat(server.service.streamResponsesSent.get()).isPositive();
      await().atMost(Duration.ofSeconds(5)).until(server.service.streamCancelled::get);
      assertThat(server.service.callCount(Rpc.MODEL_STREAM_INFER)).isEqualTo(1);
    }
  }

  @Test
  void theTritonGrpcErrorHeaderIsSentOnlyWhenConfigured() throws Exception {
    server.service.streamScript = r -> List.of(Responses.delta(r.getId(), "ok", 1, true));
    client.generateAsync(request()).get(10, TimeUnit.SECONDS);
    assertThat(server.lastErrorHeader.get()).isNull();

    try (TritonClient strict =
        new TritonClient(
            TritonClientConfig.of(List.of(server.target())).withTritonGrpcErrorHeader(true))) {
      strict.generateAsync(request()).get(10, TimeUnit.SECONDS);
    }
    assertThat(server.lastErrorHeader.get()).isEqualTo("true");
  }

  @Test
  void closingTheClientEndsAGenerationThatWaitsForARetry() {
    server.service.failNext(1, Status.UNAVAILABLE.withDescription("Server not ready"));
    TritonClient slow =
        new TritonClient(
            TritonClientConfig.of(List.of(server.target()))
                .withRetry(
                    new RetryPolicy(
                        3,
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30),
                        2.0,
                        0.0,
                        Duration.ZERO,
                        1L)));
    CompletableFuture<GenerationResult> f = slow.generateAsync(request());
    await().until(() -> server.service.callCount(Rpc.MODEL_STREAM_INFER) == 1);

    slow.close();

    assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
        .cause()
        .isInstanceOfSatisfying(
            TritonException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE));
  }

  @Test
  void aRequestSetupErrorIsNotRetried() {
    server.service.streamScript =
        r ->
            List.<ModelStreamInferResponse>of(
                Responses.error(
                    r.getId(), "unexpected inference input 'return_logprobs' for model 'llm'"));

    assertThatThrownBy(() -> client.generateAsync(request()).get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOfSatisfying(
            TritonException.class,
            e -> assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    assertThat(server.service.callCount(Rpc.MODEL_STREAM_INFER)).isEqualTo(1);
  }
}
