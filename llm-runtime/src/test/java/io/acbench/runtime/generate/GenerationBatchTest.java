package io.acbench.runtime.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acbench.runtime.model.TinyModel;
import io.acbench.runtime.model.Transformer;
import io.acbench.runtime.sampling.FinishReason;
import io.acbench.runtime.sampling.Sampler;
import io.acbench.runtime.sampling.SamplingParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenerationBatchTest {

  private static final LetterCodec CODEC = new LetterCodec();

  private static Transformer model() {
    return new TinyModel(TinyModel.qwen2(), 31).build();
  }

  /** Greedy generation by full recomputation: argmax of the last row of a full forward pass. */
  private static int[] greedyByFullForward(Transformer model, int[] prompt, int n) {
    int[] tokens = prompt.clone();
    int[] generated = new int[n];
    for (int i = 0; i < n; i++) {
      float[] logits = model.forward(tokens);
      int last = (tokens.length - 1) * TinyModel.VOCAB;
      generated[i] = Sampler.argmax(logits, last, TinyModel.VOCAB);
      tokens = Arrays.copyOf(tokens, tokens.length + 1);
      tokens[tokens.length - 1] = generated[i];
    }
    return generated;
  }

  @Test
  void greedyGenerationMatchesFullRecomputation() {
    Transformer model = model();
    int[] prompt = TinyModel.tokens(1, 5);
    SamplingParams params = SamplingParams.greedy(8).withIgnoreEos(true);

    GenerationResult result = new Generator(model, CODEC).generate(prompt, params, s -> {});

    assertThat(result.tokenIds()).containsExactly(greedyByFullForward(model(), prompt, 8));
    assertThat(result.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(result.text()).hasSize(8);
    assertThat(result.promptTokens()).isEqualTo(5);
  }

  @Test
  void sequencesJoiningAndLeavingTheBatchGenerateAsIfAlone() {
    SamplingParams sampled = SamplingParams.greedy(6).withTemperature(0.9).withIgnoreEos(true);
    List<GenerationRequest> requests =
        List.of(
            new GenerationRequest("a", TinyModel.tokens(1, 3), sampled.withSeed(1)),
            new GenerationRequest("b", TinyModel.tokens(2, 7), SamplingParams.greedy(3)),
            new GenerationRequest(
                "c", TinyModel.tokens(3, 2), sampled.withSeed(2).withMaxTokens(9)),
            new GenerationRequest("d", TinyModel.tokens(4, 4), sampled.withSeed(3)));
    Map<String, List<Integer>> alone = new HashMap<>();
    for (GenerationRequest r : requests) {
      int[] ids =
          new Generator(model(), CODEC)
              .generate(r.promptTokenIds(), r.params(), s -> {})
              .tokenIds();
      alone.put(r.id(), Arrays.stream(ids).boxed().toList());
    }

    GenerationBatch batch = new GenerationBatch(model(), CODEC, 2, 64);
    Map<String, List<Integer>> together = new HashMap<>();
    batch.add(requests.get(0));
    batch.add(requests.get(1));
    int step = 0;
    int maxRunning = 0;
    while (batch.hasWork()) {
      if (step == 2) {
        batch.add(requests.get(2));
        batch.add(requests.get(3));
      }
      for (StepOutput out : batch.step()) {
        together.computeIfAbsent(out.id(), k -> new ArrayList<>()).add(out.tokenId());
      }
      maxRunning = Math.max(maxRunning, batch.runningCount());
      step++;
    }

    assertThat(together).isEqualTo(alone);
    assertThat(maxRunning).isEqualTo(2);
  }

  @Test
  void cancelledSequenceLeavesAndOthersContinue() {
    GenerationBatch batch = new GenerationBatch(model(), CODEC, 4, 64);
    SamplingParams params = SamplingParams.greedy(5).withIgnoreEos(true);
    batch.add(new GenerationRequest("keep", TinyModel.tokens(1, 3), params));
    batch.add(new GenerationRequest("drop", TinyModel.tokens(2, 3), params));
    batch.step();

    assertThat(batch.cancel("drop")).isTrue();
    assertThat(batch.cancel("drop")).isFalse();
    List<String> seen = new ArrayList<>();
    while (batch.hasWork()) {
      batch.step().forEach(o -> seen.add(o.id()));
    }

    assertThat(seen).containsOnly("keep").hasSize(4);
  }

  @Test
  void stopStringEndsGenerationAndIsRemoved() {
    SamplingParams params = SamplingParams.greedy(12).withIgnoreEos(true);
    int[] prompt = TinyModel.tokens(7, 4);
    String full = new Generator(model(), CODEC).generate(prompt, params, s -> {}).text();
    String stop = full.substring(3, 5);
    int cut = full.indexOf(stop);

    StringBuilder streamed = new StringBuilder();
    GenerationResult result =
        new Generator(model(), CODEC)
            .generate(prompt, params.withStop(List.of(stop)), streamed::append);

    assertThat(result.text()).isEqualTo(full.substring(0, cut));
    assertThat(streamed.toString()).isEqualTo(result.text());
    assertThat(result.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(result.tokenIds()).hasSize(cut + stop.length());
  }

  @Test
  void eosStopsAndContextLimitEndsWithLength() {
    Transformer model = model();
    int[] prompt = TinyModel.tokens(1, 5);
    int first = greedyByFullForward(model, prompt, 1)[0];
    TextCodec firstIsEos =
        new TextCodec() {
          @Override
          public int[] encode(String text) {
            return CODEC.encode(text);
          }

          @Override
          public Detokenizer newDetokenizer() {
            return CODEC.newDetokenizer();
          }

          @Override
          public java.util.Set<Integer> eosTokenIds() {
            return java.util.Set.of(first);
          }
        };
    GenerationResult eos =
        new Generator(model, firstIsEos).generate(prompt, SamplingParams.greedy(9), s -> {});
    assertThat(eos.tokenIds()).containsExactly(first);
    assertThat(eos.text()).isEmpty();
    assertThat(eos.finishReason()).isEqualTo(FinishReason.STOP);

    GenerationBatch small = new GenerationBatch(model, CODEC, 1, 8);
    small.add(new GenerationRequest("x", prompt, SamplingParams.greedy(50).withIgnoreEos(true)));
    List<StepOutput> outs = new ArrayList<>();
    while (small.hasWork()) {
      outs.addAll(small.step());
    }
    assertThat(outs).hasSize(3);
    assertThat(outs.getLast().finishReason()).isEqualTo(FinishReason.LENGTH);
  }

  @Test
  void duplicateIdsAndOversizedPromptsAreRejected() {
    GenerationBatch batch = new GenerationBatch(model(), CODEC, 2, 8);
    batch.add(new GenerationRequest("a", new int[] {1}, SamplingParams.greedy(2)));

    assertThatThrownBy(
            () -> batch.add(new GenerationRequest("a", new int[] {1}, SamplingParams.greedy(2))))
        .hasMessageContaining("already in use");
    assertThatThrownBy(
            () -> batch.add(new GenerationRequest("b", new int[8], SamplingParams.greedy(2))))
        .hasMessageContaining("limit is 7");
    assertThatThrownBy(
            () ->
                batch.add(
                    new GenerationRequest(
                        "c", new int[] {1, TinyModel.VOCAB}, SamplingParams.greedy(2))))
        .hasMessageContaining("token id " + TinyModel.VOCAB);
  }
}
