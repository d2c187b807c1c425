package io.acbench.inference.generate;

import static io.acbench.inference.Requests.generation;
import static io.acbench.inference.Requests.isFinal;
import static io.acbench.inference.Requests.stream;
import static io.acbench.inference.Requests.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acbench.contracts.grpc.inference.ModelStatisticsRequest;
import io.acbench.inference.GrpcTestChannel;
import io.acbench.inference.Requests;
import io.acbench.inference.Requests.StreamCall;
import io.acbench.inference.TestRepository;
import io.acbench.inference.model.ModelManager;
import io.acbench.runtime.generate.GenerationResult;
import io.acbench.runtime.generate.Generator;
import io.acbench.runtime.generate.TokenizerCodec;
import io.acbench.runtime.model.Transformer;
import io.acbench.runtime.sampling.SamplingParams;
import io.acbench.runtime.tokenizer.Tokenizer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GenerationStreamTest {

  private static final String GREEDY =
      "{\"temperature\": 0, \"max_tokens\": %d, \"ignore_eos\": true}";
  private static final List<String> PROMPTS =
      List.of(
          "the cat sat",
          "a dog ran far",
          "hello world",
          "one two three",
          "numbers and words",
          "the quick brown fox",
          "model serving",
          "x");

  @Inject ModelManager models;

  @BeforeAll
  static void load() throws Exception {
    GrpcTestChannel.load("tiny-gen");
    GrpcTestChannel.load("tiny-gen-b");
  }

  /** The reference: llm-runtime's own generator on the same checkpoint, one prompt at a time. */
  private static GenerationResult reference(String prompt, int maxTokens) {
    try (Transformer model = Transformer.load(TestRepository.CHECKPOINT);
        Tokenizer tokenizer = Tokenizer.load(TestRepository.CHECKPOINT)) {
      var generator = new Generator(model, new TokenizerCodec(tokenizer, model.config()));
      return generator.generate(prompt, SamplingParams.greedy(maxTokens).withIgnoreEos(true));
    }
  }

  @Test
  void streamingDeltasAndTheSingleFinalResponseCarryTheReferenceText() throws Exception {
    String prompt = "the cat sat";
    String expected = reference(prompt, 12).text();

    var b = generation("tiny-gen", "s1", prompt, true, GREEDY.formatted(12));
    Requests.addBool(b, "return_num_output_tokens", true);
    Requests.addBool(b, "return_finish_reason", true);
    StreamCall streamed = stream(b.build());
    assertThat(streamed.end.get(30, TimeUnit.SECONDS)).isNull();
    assertThat(streamed.responses).hasSize(12);
    assertThat(streamed.text()).isEqualTo(expected);
    for (int i = 0; i < 12; i++) {
      var r = streamed.responses.get(i).getInferResponse();
      assertThat(r.getId()).isEqualTo("s1");
      assertThat(isFinal(r)).isEqualTo(i == 11);
      assertThat(Requests.raw(r, "num_output_tokens").getInt()).isEqualTo(1);
      assertThat(string(r, "finish_reason")).isEqualTo(i == 11 ? "length" : "None");
    }

    var whole = generation("tiny-gen", "s2", prompt, false, GREEDY.formatted(12));
    Requests.addBool(whole, "return_num_input_tokens", true);
    StreamCall single = stream(whole.build());
    assertThat(single.end.get(30, TimeUnit.SECONDS)).isNull();
    assertThat(single.responses).hasSize(1);
    var r = single.responses.getFirst().getInferResponse();
    assertThat(isFinal(r)).isTrue();
    assertThat(string(r, "text_output")).isEqualTo(prompt + expected);
    assertThat(Requests.raw(r, "num_input_tokens").getInt())
        .isEqualTo(reference(prompt, 1).promptTokens());
  }

  @Test
  void eightConcurrentGreedyStreamsMatchEightSequentialRuns() throws Exception {
    int maxTokens = 24;
    List<String> sequential = new ArrayList<>();
    for (int i = 0; i < PROMPTS.size(); i++) {
      StreamCall c =
          stream(
              generation("tiny-gen", "q" + i, PROMPTS.get(i), true, GREEDY.formatted(maxTokens))
                  .build());
      assertThat(c.end.get(30, TimeUnit.SECONDS)).isNull();
      sequential.add(c.text());
    }
    long stepsBefore = stats("tiny-gen").getExecutionCount();
    List<StreamCall> calls = new ArrayList<>();
    for (int i = 0; i < PROMPTS.size(); i++) {
      calls.add(
          stream(
              generation("tiny-gen", "c" + i, PROMPTS.get(i), true, GREEDY.formatted(maxTokens))
                  .build()));
    }
    for (int i = 0; i < calls.size(); i++) {
      assertThat(calls.get(i).end.get(60, TimeUnit.SECONDS)).isNull();
      assertThat(calls.get(i).text()).as("prompt %d", i).isEqualTo(sequential.get(i));
    }
    for (int i = 0; i < 2; i++) {
      assertThat(sequential.get(i)).isEqualTo(reference(PROMPTS.get(i), maxTokens).text());
    }
    // shared decode steps: far fewer executions than the 8 × 24 tokens generated
    long steps = stats("tiny-gen").getExecutionCount() - stepsBefore;
    assertThat(steps).isLessThan(8L * maxTokens);
  }

  @Test
  void cancellingTheCallStopsGenerationWithinOneDecodeStep() throws Exception {
    var scheduler = models.resolve("tiny-gen-b", "").generation().scheduler();
    long failedBefore = stats("tiny-gen-b").getInferenceStats().getFail().getCount();
    StreamCall call =
        stream(generation("tiny-gen-b", "long", "cancel me", true, GREEDY.formatted(1900)).build());
    await().atMost(Duration.ofSeconds(30)).until(() -> call.responses.size() >= 3);
    call.requests.cancel("client gives up", null);

    await().atMost(Duration.ofSeconds(30)).until(() -> scheduler.inFlight() == 0);
    GenerationJob job = scheduler.lastCancelled();
    assertThat(job).isNotNull();
    assertThat(job.requestId()).isEqualTo("long");
    assertThat(job.removedAtStep() - job.cancelSignalStep()).isBetween(0L, 1L);
    assertThat(job.generated()).isLessThan(1900);
    // no step runs after the cancelled request left: the batch is empty
    assertThat(scheduler.steps()).isEqualTo(job.removedAtStep());
    var stats = stats("tiny-gen-b");
    assertThat(stats.getInferenceStats().getFail().getCount()).isEqualTo(failedBefore + 1);
    long cancels =
        stats.getResponseStatsMap().values().stream()
            .mapToLong(s -> s.getCancel().getCount())
            .sum();
    assertThat(cancels).isGreaterThanOrEqualTo(1);
  }

  @Test
  void logprobsMatchTheLogSoftmaxOfTheFullForwardPass() throws Exception {
    String prompt = "hello world";
    int maxTokens = 5;
    var b =
        generation(
            "tiny-gen",
            "lp",
            prompt,
            false,
            "{\"temperature\": 0, \"max_tokens\": 5, \"ignore_eos\": true, \"logprobs\": 3}");
    Requests.addBool(b, "return_logprobs", true);
    Requests.addBool(b, "return_cumulative_logprob", true);
    Requests.addBool(b, "exclude_input_in_output", true);
    StreamCall call = stream(b.build());
    assertThat(call.end.get(30, TimeUnit.SECONDS)).isNull();
    var r = call.responses.getFirst().getInferResponse();
    JsonNode entries = new ObjectMapper().readTree(string(r, "logprobs"));
    assertThat(entries).hasSize(maxTokens);

    GenerationResult ref = reference(prompt, maxTokens);
    try (Transformer model = Transformer.load(TestRepository.CHECKPOINT);
        Tokenizer tokenizer = Tokenizer.load(TestRepository.CHECKPOINT)) {
      int[] promptIds = tokenizer.encode(prompt, true);
      int[] all = new int[promptIds.length + maxTokens - 1];
      System.arraycopy(promptIds, 0, all, 0, promptIds.length);
      System.arraycopy(ref.tokenIds(), 0, all, promptIds.length, maxTokens - 1);
      float[] logits = model.forward(all);
      int vocab = model.config().vocabSize();
      double cumulative = 0;
      for (int t = 0; t < maxTokens; t++) {
        int row = promptIds.length - 1 + t;
        double[] logp = logSoftmax(logits, row * vocab, vocab);
        int token = ref.tokenIds()[t];
        JsonNode chosen = entries.get(t).get(String.valueOf(token));
        assertThat(chosen.get("rank").asInt()).isEqualTo(1);
        assertThat(chosen.get("logprob").asDouble())
            .isCloseTo(logp[token], org.assertj.core.data.Offset.offset(1e-4));
        assertThat(entries.get(t).size()).isEqualTo(3);
        cumulative += logp[token];
      }
      float reported = Requests.raw(r, "cumulative_logprob").getFloat();
      assertThat((double) reported)
          .isCloseTo(cumulative, org.assertj.core.data.Offset.offset(1e-3));
    }
  }

  private static double[] logSoftmax(float[] logits, int offset, int vocab) {
    double sum = 0;
    for (int v = 0; v < vocab; v++) {
      sum += Math.exp(logits[offset + v]);
    }
    double[] out = new double[vocab];
    for (int v = 0; v < vocab; v++) {
      out[v] = logits[offset + v] - Math.log(sum);
    }
    return out;
  }

  static io.acbench.contracts.grpc.inference.ModelStatistics stats(String model) {
    return GrpcTestChannel.blocking()
        .modelStatistics(ModelStatisticsRequest.newBuilder().setName(model).build())
        .getModelStats(0);
  }
}
