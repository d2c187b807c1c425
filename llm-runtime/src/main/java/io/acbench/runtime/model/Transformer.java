package io.acbench.runtime.model;

import io.acbench.runtime.config.ModelConfig;
import io.acbench.runtime.weights.LinearWeight;
import java.nio.file.Path;
import java.util.List;

/**
 * A decoder-only transformer of the Llama / Qwen2 / Mistral family: embedding lookup, the decoder
 * layers, a final RMSNorm and the LM head.
 *
 * <p>Every linear runs once per layer over all rows of a pass: a prefill multiplies (seqLen,
 * hidden) activations, a decode step (batch, hidden) activations for several sequences at once.
 * Instances hold working buffers and are not thread-safe.
 */
public final class Transformer implements AutoCloseable {

  private final ModelConfig config;
  private final Embedding embedding;
  private final List<DecoderLayer> layers;
  private final RmsNorm finalNorm;
  private final LinearWeight lmHead;
  private final Rope rope;
  private final AutoCloseable resources;
  private ForwardHooks hooks = ForwardHooks.NONE;
  private ForwardBuffers buffers;
  private float[] hidden = new float[0]; // (rows, hiddenSize)

  /**
   * Assembles a model from its parts.
   *
   * @param lmHead (vocabSize, hiddenSize); for tied embeddings a weight over the embedding matrix
   */
  public Transformer(
      ModelConfig config,
      Embedding embedding,
      List<DecoderLayer> layers,
      RmsNorm finalNorm,
      LinearWeight lmHead) {
    this(config, embedding, layers, finalNorm, lmHead, null);
  }

  Transformer(
      ModelConfig config,
      Embedding embedding,
      List<DecoderLayer> layers,
      RmsNorm finalNorm,
      LinearWeight lmHead,
      AutoCloseable resources) {
    if (layers.size() != config.numHiddenLayers()) {
      throw new IllegalArgumentException(
          "config has " + config.numHiddenLayers() + " layers, got " + layers.size());
    }
    if (lmHead.inFeatures() != config.hiddenSize() || lmHead.outFeatures() != config.vocabSize()) {
      throw new IllegalArgumentException(
          "lm_head must be (vocab "
              + config.vocabSize()
              + ", hidden "
              + config.hiddenSize()
              + "), got ("
              + lmHead.outFeatures()
              + ", "
              + lmHead.inFeatures()
              + ")");
    }
    this.config = config;
    this.embedding = embedding;
    this.layers = List.copyOf(layers);
    this.finalNorm = finalNorm;
    this.lmHead = lmHead;
    this.rope = Rope.of(config);
    this.resources = resources;
  }

  /**
   * Loads a Hugging Face model directory ({@code config.json} and safetensors, dense or GPTQ/AWQ
   * int4). Weights stay memory-mapped until {@link #close()}; tied embeddings serve as the LM head.
   */
  public static Transformer load(Path modelDir) {
    return TransformerLoader.load(modelDir);
  }

  /** Releases the memory-mapped checkpoint of a loaded model; the model is unusable afterwards. */
  @Override
  public void close() {
    if (resources != null) {
      try {
        resources.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot close the checkpoint", e);
      }
    }
  }

  public ModelConfig config() {
    return config;
  }

  public List<DecoderLayer> layers() {
    return layers;
  }

  public DecoderLayer layer(int index) {
    return layers.get(index);
  }

  public Embedding embedding() {
    return embedding;
  }

  public LinearWeight lmHead() {
    return lmHead;
  }

  public RmsNorm finalNorm() {
    return finalNorm;
  }

  /** Installs hooks observing every later pass ({@link ForwardHooks#NONE} to remove them). */
  public void setHooks(ForwardHooks hooks) {
    this.hooks = hooks == null ? ForwardHooks.NONE : hooks;
  }

  /** Bytes of every weight a decode step reads: the layers' linears and the LM head. */
  public long decodeWeightBytes() {
    long bytes = lmHead.storageBytes();
    for (DecoderLayer layer : layers) {
      for (Projection p : Projection.values()) {
        bytes += layer.linear(p).storageBytes();
      }
    }
    return bytes;
  }

  /** A new empty sequence whose cache holds up to {@code maxLength} positions. */
  public Sequence newSequence(int maxLength) {
    int limit = Math.min(maxLength, config.maxPositionEmbeddings());
    return new Sequence(new KvCache(config.numHiddenLayers(), config.kvDim(), limit));
  }

  /** Appends {@code tokenIds} to the sequence and returns the logits of the last one (vocab). */
  public float[] prefill(Sequence seq, int[] tokenIds) {
    return prefill(seq, tokenIds, false);
  }

  /**
   * Appends {@code tokenIds} to the sequence in one batched pass.
   *
   * @return logits (vocab) of the last token, or (tokens, vocab) of every token when {@code
   *     allPositions}
   */
  public float[] prefill(Sequence seq, int[] tokenIds, boolean allPositions) {
    int rows = tokenIds.length;
    if (rows == 0) {
      throw new IllegalArgumentException("prefill needs at least one token");
    }
    seq.cache().ensureCapacity(seq.position() + rows);
    KvCache[] caches = new KvCache[rows];
    int[] positions = new int[rows];
    for (int r = 0; r < rows; r++) {
      caches[r] = seq.cache();
      positions[r] = seq.position() + r;
    }
    runLayers(tokenIds, rows, caches, positions);
    seq.advance(rows);
    int hiddenSize = config.hiddenSize();
    if (allPositions) {
      return head(hidden, rows);
    }
    float[] last = new float[hiddenSize];
    System.arraycopy(hidden, (rows - 1) * hiddenSize, last, 0, hiddenSize);
    return head(last, 1);
  }

  /**
   * Advances every sequence of the batch by one token in a single pass.
   *
   * @param nextTokens the token appended to {@code batch.get(b)}
   * @return logits (batch, vocab)
   */
  public float[] decode(List<Sequence> batch, int[] nextTokens) {
    int rows = batch.size();
    if (rows == 0 || nextTokens.length != rows) {
      throw new IllegalArgumentException(
          "decode needs one token per sequence: " + rows + " sequences, " + nextTokens.length);
    }
    KvCache[] caches = new KvCache[rows];
    int[] positions = new int[rows];
    for (int r = 0; r < rows; r++) {
      Sequence seq = batch.get(r);
      for (int s = 0; s < r; s++) {
        if (batch.get(s) == seq) {
          throw new IllegalArgumentException("sequence appears twice in a decode batch");
        }
      }
      seq.cache().ensureCapacity(seq.position() + 1);
      caches[r] = seq.cache();
      positions[r] = seq.position();
    }
    runLayers(nextTokens, rows, caches, positions);
    for (Sequence seq : batch) {
      seq.advance(1);
    }
    return head(hidden, rows);
  }

  /** Logits (tokens, vocab) of every position of {@code tokenIds} from an empty sequence. */
  public float[] forward(int[] tokenIds) {
    return prefill(newSequence(Math.max(1, tokenIds.length)), tokenIds, true);
  }

  private void runLayers(int[] tokens, int rows, KvCache[] caches, int[] positions) {
    int hiddenSize = config.hiddenSize();
    if (buffers == null || buffers.rows < rows) {
      buffers = new ForwardBuffers(config, rows);
      hidden = new float[rows * hiddenSize];
    }
    for (int r = 0; r < rows; r++) {
      embedding.lookup(tokens[r], hidden, r * hiddenSize);
    }
    rope.angles(positions, rows, buffers.cos, buffers.sin);
    for (DecoderLayer layer : layers) {
      layer.forward(hidden, rows, caches, positions, buffers, hooks);
    }
    hooks.lastLayerOutput(hidden, rows, hiddenSize);
  }

  /** Final norm and LM head over {@code rows} rows of {@code x}, which is overwritten. */
  private float[] head(float[] x, int rows) {
    finalNorm.apply(x, rows, x);
    hooks.finalHidden(x, rows, config.hiddenSize());
    float[] logits = new float[rows * config.vocabSize()]; // (rows, vocab)
    lmHead.matmul(x, rows, logits);
    hooks.logits(logits, rows, config.vocabSize());
    return logits;
  }
}
