package io.acbench.runtime.generate;

import io.acbench.runtime.model.Transformer;
import io.acbench.runtime.sampling.SamplingParams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Blocking generation on top of {@link GenerationBatch}, for the CLI and offline use. */
public final class Generator {

  private final Transformer model;
  private final TextCodec codec;

  public Generator(Transformer model, TextCodec codec) {
    this.model = model;
    this.codec = codec;
  }

  /** Generates one completion of a text prompt. */
  public GenerationResult generate(String prompt, SamplingParams params) {
    return generate(codec.encode(prompt), params, text -> {});
  }

  /** Generates one completion, passing each released piece of text to {@code onText}. */
  public GenerationResult generate(
      int[] promptTokenIds, SamplingParams params, Consumer<String> onText) {
    GenerationBatch batch = newBatch(1);
    batch.add(new GenerationRequest("0", promptTokenIds, params));
    Accumulator acc = new Accumulator(promptTokenIds.length);
    while (batch.hasWork()) {
      for (StepOutput out : batch.step()) {
        onText.accept(out.textDelta());
        acc.add(out);
      }
    }
    return acc.result("0");
  }

  /**
   * Generates all requests with continuous batching, at most {@code maxBatchSize} at a time;
   * results come back in request order.
   */
  public List<GenerationResult> generateAll(List<GenerationRequest> requests, int maxBatchSize) {
    GenerationBatch batch = newBatch(maxBatchSize);
    Map<String, Accumulator> accs = new HashMap<>();
    for (GenerationRequest r : requests) {
      batch.add(r);
      accs.put(r.id(), new Accumulator(r.promptTokenIds().length));
    }
    while (batch.hasWork()) {
      for (StepOutput out : batch.step()) {
        accs.get(out.id()).add(out);
      }
    }
    List<GenerationResult> results = new ArrayList<>();
    for (GenerationRequest r : requests) {
      results.add(accs.get(r.id()).result(r.id()));
    }
    return results;
  }

  private GenerationBatch newBatch(int maxBatchSize) {
    return new GenerationBatch(model, codec, maxBatchSize, model.config().maxPositionEmbeddings());
  }

  /** Collects the step outputs of one request. */
  private static final class Accumulator {
    final int promptTokens;
    final StringBuilder text = new StringBuilder();
    final List<Integer> tokens = new ArrayList<>();
    StepOutput last;

    Accumulator(int promptTokens) {
      this.promptTokens = promptTokens;
    }

    void add(StepOutput out) {
      text.append(out.textDelta());
      tokens.add(out.tokenId());
      last = out;
    }

    GenerationResult result(String id) {
      int[] ids = tokens.stream().mapToInt(Integer::intValue).toArray();
      return new GenerationResult(id, text.toString(), ids, last.finishReason(), promptTokens);
    }
  }
}
