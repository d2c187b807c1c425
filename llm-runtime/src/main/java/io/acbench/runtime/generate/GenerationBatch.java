package io.acbench.runtime.generate;

import io.acbench.runtime.model.Sequence;
import io.acbench.runtime.model.Transformer;
import io.acbench.runtime.sampling.FinishReason;
import io.acbench.runtime.sampling.Sampler;
import io.acbench.runtime.sampling.StopCriteria;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Continuous batching: requests wait in a queue, join the running batch when a slot is free, and
 * leave it as soon as they finish. Each {@link #step()} prefills the newly admitted prompts (one
 * batched pass each) and advances every other running sequence by one token in a single decode
 * pass. Not thread-safe: one thread drives it.
 */
public final class GenerationBatch {

  private final Transformer model;
  private final TextCodec codec;
  private final int maxBatchSize;
  private final int maxSequenceLength;
  private final ArrayDeque<GenerationRequest> waiting = new ArrayDeque<>();
  private final List<Running> running = new ArrayList<>();
  private final Set<String> ids = new HashSet<>();

  /** One sequence in the running batch. */
  private static final class Running {
    final GenerationRequest request;
    final Sequence sequence;
    final Sampler sampler;
    final StopCriteria stop;
    final TextCodec.Detokenizer detokenizer;
    int pendingToken = -1; // sampled but not yet fed to the model

    Running(GenerationRequest request, Sequence sequence, TextCodec codec) {
      this.request = request;
      this.sequence = sequence;
      this.sampler = new Sampler(request.params());
      this.stop = new StopCriteria(request.params(), codec.eosTokenIds());
      this.detokenizer = codec.newDetokenizer();
    }
  }

  /**
   * @param maxBatchSize most sequences decoding together
   * @param maxSequenceLength most positions (prompt plus generated) of one sequence; capped by the
   *     model's {@code max_position_embeddings}
   */
  public GenerationBatch(
      Transformer model, TextCodec codec, int maxBatchSize, int maxSequenceLength) {
    if (maxBatchSize < 1 || maxSequenceLength < 2) {
      throw new IllegalArgumentException("maxBatchSize >= 1 and maxSequenceLength >= 2 required");
    }
    this.model = model;
    this.codec = codec;
    this.maxBatchSize = maxBatchSize;
    this.maxSequenceLength = Math.min(maxSequenceLength, model.config().maxPositionEmbeddings());
  }

  /** Queues a request; it joins the batch at a later {@link #step()}. */
  public void add(GenerationRequest request) {
    if (request.promptTokenIds().length >= maxSequenceLength) {
      throw new IllegalArgumentException(
          "prompt of request "
              + request.id()
              + " has "
              + request.promptTokenIds().length
              + " tokens; the limit is "
              + (maxSequenceLength - 1));
    }
    int vocab = model.config().vocabSize();
    for (int token : request.promptTokenIds()) {
      if (token < 0 || token >= vocab) {
        throw new IllegalArgumentException(
            "prompt of request "
                + request.id()
                + " has token id "
                + token
                + " outside [0, "
                + vocab
                + ")");
      }
    }
    if (!ids.add(request.id())) {
      throw new IllegalArgumentException("request id " + request.id() + " is already in use");
    }
    waiting.add(request);
  }

  /** Drops a waiting or running request; returns whether it was there. */
  public boolean cancel(String id) {
    if (!ids.remove(id)) {
      return false;
    }
    waiting.removeIf(r -> r.id().equals(id));
    running.removeIf(r -> r.request.id().equals(id));
    return true;
  }

  /** Whether any request is waiting or running. */
  public boolean hasWork() {
    return !waiting.isEmpty() || !running.isEmpty();
  }

  public int runningCount() {
    return running.size();
  }

  public int waitingCount() {
    return waiting.size();
  }

  /** Runs one scheduling step and returns one output per sequence that produced a token. */
  public List<StepOutput> step() {
    List<Running> decoding = new ArrayList<>(running);
    List<StepOutput> outputs = new ArrayList<>();
    if (!decoding.isEmpty()) {
      List<Sequence> sequences = new ArrayList<>();
      int[] tokens = new int[decoding.size()];
      for (int b = 0; b < decoding.size(); b++) {
        sequences.add(decoding.get(b).sequence);
        tokens[b] = decoding.get(b).pendingToken;
      }
      float[] logits = model.decode(sequences, tokens); // (batch, vocab)
      int vocab = model.config().vocabSize();
      for (int b = 0; b < decoding.size(); b++) {
        outputs.add(accept(decoding.get(b), logits, b * vocab));
      }
    }
    while (running.size() < maxBatchSize && !waiting.isEmpty()) {
      GenerationRequest request = waiting.poll();
      Running r = new Running(request, model.newSequence(maxSequenceLength), codec);
      running.add(r);
      outputs.add(accept(r, model.prefill(r.sequence, request.promptTokenIds()), 0));
    }
    for (Iterator<Running> it = running.iterator(); it.hasNext(); ) {
      Running r = it.next();
      if (r.stop.finishReason() != null) {
        it.remove();
        ids.remove(r.request.id());
      }
    }
    return outputs;
  }

  private StepOutput accept(Running r, float[] logits, int offset) {
    int token = r.sampler.sample(logits, offset, model.config().vocabSize());
    String text = r.stop.isStopToken(token) ? "" : r.detokenizer.next(token);
    String delta = r.stop.accept(token, text);
    // prompt + generated tokens may not exceed the limit (vLLM's max_model_len)
    if (r.stop.finishReason() == null && r.sequence.remaining() <= 1) {
      delta += r.stop.finish(FinishReason.LENGTH);
    }
    r.pendingToken = token;
    return new StepOutput(
        r.request.id(),
        token,
        delta,
        r.stop.finishReason(),
        r.request.promptTokenIds().length,
        r.stop.generated());
  }
}
