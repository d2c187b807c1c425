package io.acbench.inference.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.acbench.contracts.grpc.inference.ModelInferRequest;
import io.acbench.inference.GrpcTestChannel;
import io.acbench.inference.Requests;
import io.acbench.inference.TestRepository;
import io.acbench.inference.client.GenerationRequest;
import io.acbench.inference.client.GenerationResult;
import io.acbench.inference.client.GenerationStream;
import io.acbench.inference.client.ProbeRequest;
import io.acbench.inference.client.ProbeSequence;
import io.acbench.inference.client.SamplingParameters;
import io.acbench.inference.client.TritonClient;
import io.acbench.inference.client.TritonClientConfig;
import io.acbench.inference.client.TritonException;
import io.acbench.inference.model.ModelManager;
import io.acbench.runtime.generate.Generator;
import io.acbench.runtime.generate.TokenizerCodec;
import io.acbench.runtime.model.Transformer;
import io.acbench.runtime.sampling.SamplingParams;
import io.acbench.runtime.tokenizer.Tokenizer;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The project's own client (inference-client) against this server over real gRPC. */
@QuarkusTest
class ClientConformanceTest {

  private static TritonClient client;

  @Inject ModelManager models;

  @BeforeAll
  static void start() throws Exception {
    TestRepository.write();
    client = new TritonClient(TritonClientConfig.of("localhost:" + GrpcTestChannel.port()));
    client.loadModel("tiny-gen");
    client.loadModel("tiny-probe");
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  @Test
  void healthMetadataRepositoryAndStatistics() {
    assertThat(client.serverLive()).isTrue();
    assertThat(client.modelReady("tiny-gen")).isTrue();
    assertThat(client.serverMetadata().getName()).isEqualTo("triton");
    assertThat(client.modelMetadata("tiny-gen").getPlatform()).isEqualTo("vllm");
    assertThat(
            client
                .modelConfig("tiny-probe")
                .getParametersMap()
                .get("acbench_kind")
                .getStringValue())
        .isEqualTo("probe");
    assertThat(client.repositoryIndex(true))
        .anySatisfy(
            e -> {
              assertThat(e.name()).isEqualTo("tiny-probe");
              assertThat(e.ready()).isTrue();
            });
    assertThat(client.modelStatistics("tiny-gen").getModelStats(0).getName()).isEqualTo("tiny-gen");
    client.loadModel("tiny-gen-b");
    client.unloadModel("tiny-gen-b", false);
    assertThat(client.repositoryIndex(false))
        .anySatisfy(
            e -> {
              assertThat(e.name()).isEqualTo("tiny-gen-b");
              assertThat(e.state()).isEqualTo("UNAVAILABLE");
              assertThat(e.reason()).isEqualTo("unloaded");
            });
  }

  @Test
  void greedyGenerationEqualsTheRuntimeGenerator() throws Exception {
    String prompt = "a dog ran far";
    GenerationRequest request =
        GenerationRequest.streaming(
            "tiny-gen",
            prompt,
            SamplingParameters.builder().temperature(0.0).maxTokens(10).ignoreEos(true).build());
    GenerationResult result = client.generateAsync(request).get(30, TimeUnit.SECONDS);
    try (Transformer model = Transformer.load(TestRepository.CHECKPOINT);
        Tokenizer tokenizer = Tokenizer.load(TestRepository.CHECKPOINT)) {
      var expected =
          new Generator(model, new TokenizerCodec(tokenizer, model.config()))
              .generate(prompt, SamplingParams.greedy(10).withIgnoreEos(true));
      assertThat(result.text()).isEqualTo(expected.text());
      assertThat(result.numInputTokens()).isEqualTo(expected.promptTokens());
    }
    assertThat(result.numOutputTokens()).isEqualTo(10);
    assertThat(result.finishReason()).isEqualTo("length");
    assertThat(result.dataResponses()).isEqualTo(10);
  }

  @Test
  void closingAStreamCancelsTheGenerationOnTheServer() {
    var scheduler = models.resolve("tiny-gen", "").generation().scheduler();
    GenerationRequest request =
        GenerationRequest.streaming(
            "tiny-gen",
            "go on",
            SamplingParameters.builder().temperature(0.0).maxTokens(1900).ignoreEos(true).build());
    try (GenerationStream stream = client.generateStream(request)) {
      for (int i = 0; i < 3; i++) {
        stream.next();
      }
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> scheduler.inFlight() == 0);
    var job = scheduler.lastCancelled();
    assertThat(job).isNotNull();
    assertThat(job.generated()).isLessThan(1900);
    assertThat(job.removedAtStep() - job.cancelSignalStep()).isBetween(0L, 1L);
  }

  @Test
  void probeThroughTheClientMatchesTheRawResponse() {
    List<String> texts = List.of("the quick brown fox", "numbers and words here");
    var result = client.probe(ProbeRequest.ofTexts("tiny-probe", texts, 4));
    var raw = ModelInferRequest.newBuilder().setModelName("tiny-probe");
    Requests.addBytes(raw, "text_input", texts.toArray(String[]::new));
    var response = GrpcTestChannel.blocking().modelInfer(raw.build());
    var lse = Requests.raw(response, "logsumexp");
    var gram = Requests.raw(response, "gram");
    long longest = response.getOutputs(Requests.index(response, "logsumexp")).getShape(1);
    for (int s = 0; s < 2; s++) {
      ProbeSequence seq = result.sequences().get(s);
      assertThat(seq.topkIds()[0]).hasSize(4);
      for (int t = 0; t < seq.numTokens(); t++) {
        assertThat(seq.logsumexp()[t])
            .isCloseTo(lse.getFloat((int) ((s * longest + t) * 4)), within(1e-5f));
        assertThat(seq.gram()[t][0])
            .isCloseTo(gram.getDouble((int) (((s * longest + t) * longest) * 8)), within(1e-6));
      }
    }
  }

  @Test
  void errorsSurfaceWithTheirStatusCodes() {
    assertThatThrownBy(() -> client.modelReady("nope"))
        .isInstanceOfSatisfying(
            TritonException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.NOT_FOUND));
    var decoupled = Requests.generation("tiny-gen", "x", "hi", false, "{}");
    assertThatThrownBy(() -> client.infer(decoupled.build()))
        .isInstanceOfSatisfying(
            TritonException.class,
            e -> {
              assertThat(e.code()).isEqualTo(Status.Code.UNIMPLEMENTED);
              assertThat(e.serverMessage()).contains("decoupled transaction policy");
            });
    GenerationRequest bad =
        GenerationRequest.streaming(
            "tiny-gen", "hi", SamplingParameters.builder().presencePenalty(1.5).build());
    assertThatThrownBy(() -> client.generateAsync(bad).get(30, TimeUnit.SECONDS))
        .hasRootCauseInstanceOf(TritonException.class)
        .rootCause()
        .hasMessageContaining("presence_penalty");
  }
}
