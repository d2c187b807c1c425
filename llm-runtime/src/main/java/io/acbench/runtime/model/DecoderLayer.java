package io.acbench.runtime.model;

import io.acbench.runtime.config.ModelConfig;
import io.acbench.runtime.kernels.ParallelFor;
import io.acbench.runtime.kernels.VectorKernels;
import io.acbench.runtime.weights.LinearWeight;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * One pre-norm decoder layer: {@code h += o(attention(rope(q(n(h))), rope(k(n(h))), v(n(h))))},
 * then {@code h += down(silu(gate(n'(h))) · up(n'(h)))} (SwiGLU, Shazeer 2020). Attention is
 * grouped-query (Ainslie et al. 2023) with a causal mask and an optional sliding window.
 */
public final class DecoderLayer {

  /** Multiply-adds of q·k below which attention runs on the calling thread. */
  private static final long PARALLEL_MIN_ATTENTION_WORK = 1L << 18;

  private final int index;
  private final ModelConfig config;
  private final Rope rope;
  private final RmsNorm inputNorm;
  private final RmsNorm postAttentionNorm;
  private final EnumMap<Projection, LinearWeight> linears;
  private final EnumMap<Projection, float[]> biases;

  /**
   * @param index position of this layer in the stack (reported to hooks)
   * @param linears all seven projections
   * @param biases per-projection bias vectors (Qwen2 has q/k/v biases); may be empty
   */
  public DecoderLayer(
      int index,
      ModelConfig config,
      RmsNorm inputNorm,
      RmsNorm postAttentionNorm,
      Map<Projection, LinearWeight> linears,
      Map<Projection, float[]> biases) {
    this.index = index;
    this.config = config;
    this.rope = Rope.of(config);
    this.inputNorm = inputNorm;
    this.postAttentionNorm = postAttentionNorm;
    this.linears = new EnumMap<>(Projection.class);
    this.biases = new EnumMap<>(Projection.class);
    for (Projection p : Projection.values()) {
      LinearWeight w = linears.get(p);
      if (w == null) {
        throw new IllegalArgumentException("layer " + index + " lacks " + p.hfName());
      }
      checkShape(p, w);
      this.linears.put(p, w);
    }
    biases.forEach(
        (p, b) -> {
          if (b.length != expectedOut(p)) {
            throw new IllegalArgumentException(
                "layer " + index + " " + p.hfName() + " bias has length " + b.length);
          }
          this.biases.put(p, b);
        });
  }

  public int index() {
    return index;
  }

  public LinearWeight linear(Projection p) {
    return linears.get(p);
  }

  /** The bias of a projection, or null. */
  public float[] bias(Projection p) {
    return biases.get(p);
  }

  public RmsNorm inputNorm() {
    return inputNorm;
  }

  public RmsNorm postAttentionNorm() {
    return postAttentionNorm;
  }

  /** Replaces the weight of one projection by one of the same shape (e.g. a quantized copy). */
  public void replaceLinear(Projection p, LinearWeight weight) {
    checkShape(p, weight);
    linears.put(p, weight);
  }

  /**
   * Runs the layer over a whole sequence without a cache, positions 0 to seqLen − 1.
   *
   * @param hidden residual stream (seqLen, hiddenSize), updated in place
   */
  public void forward(float[] hidden, int seqLen, ForwardHooks hooks) {
    if (seqLen < 1 || hidden.length < seqLen * config.hiddenSize()) {
      throw new IllegalArgumentException(
          "hidden must hold (seqLen "
              + seqLen
              + ", hiddenSize "
              + config.hiddenSize()
              + ") values, has "
              + hidden.length);
    }
    KvCache cache = new KvCache(config.numHiddenLayers(), config.kvDim(), Math.max(1, seqLen));
    KvCache[] caches = new KvCache[seqLen];
    int[] positions = new int[seqLen];
    for (int r = 0; r < seqLen; r++) {
      caches[r] = cache;
      positions[r] = r;
    }
    cache.ensureCapacity(seqLen);
    ForwardBuffers buf = new ForwardBuffers(config, seqLen);
    rope.angles(positions, seqLen, buf.cos, buf.sin);
    forward(hidden, seqLen, caches, positions, buf, hooks);
  }

  /**
   * Runs the layer over {@code rows} tokens: row r sits at {@code positions[r]} of the sequence
   * whose cache is {@code caches[r]}, which must already hold the positions before it (or receive
   * them from earlier rows of this call). {@code buf.cos}/{@code buf.sin} hold the rows' angles.
   */
  void forward(
      float[] hidden,
      int rows,
      KvCache[] caches,
      int[] positions,
      ForwardBuffers buf,
      ForwardHooks hooks) {
    int hiddenSize = config.hiddenSize();
    hooks.layerInput(index, hidden, rows, hiddenSize);

    inputNorm.apply(hidden, rows, buf.xNorm);
    project(Projection.Q_PROJ, buf.xNorm, rows, buf.q, hooks);
    project(Projection.K_PROJ, buf.xNorm, rows, buf.k, hooks);
    project(Projection.V_PROJ, buf.xNorm, rows, buf.v, hooks);
    rope.rotate(buf.q, rows, config.numAttentionHeads(), buf.cos, buf.sin);
    rope.rotate(buf.k, rows, config.numKeyValueHeads(), buf.cos, buf.sin);
    storeKeysAndValues(rows, caches, positions, buf);
    attend(rows, caches, positions, buf);
    project(Projection.O_PROJ, buf.attn, rows, buf.proj, hooks);
    addInto(hidden, buf.proj, rows * hiddenSize);

    postAttentionNorm.apply(hidden, rows, buf.xNorm);
    mlp(buf.xNorm, rows, buf.gate, buf.up, buf.proj, hooks);
    addInto(hidden, buf.proj, rows * hiddenSize);
  }

  /**
   * The MLP alone, {@code out = down(silu(gate(x)) · up(x))}, with the layer's current linears and
   * no hooks: what a calibration search needs when only the MLP's weights change.
   *
   * @param x post-attention-norm input (rows, hiddenSize)
   * @param out (rows, hiddenSize), overwritten
   */
  public void mlp(float[] x, int rows, float[] out) {
    int n = rows * config.intermediateSize();
    mlp(x, rows, new float[n], new float[n], out, ForwardHooks.NONE);
  }

  private void mlp(float[] x, int rows, float[] gate, float[] up, float[] out, ForwardHooks hooks) {
    project(Projection.GATE_PROJ, x, rows, gate, hooks);
    project(Projection.UP_PROJ, x, rows, up, hooks);
    int n = rows * config.intermediateSize();
    for (int i = 0; i < n; i++) {
      float g = gate[i];
      gate[i] = g / (1f + (float) Math.exp(-g)) * up[i];
    }
    project(Projection.DOWN_PROJ, gate, rows, out, hooks);
  }

  private void project(Projection p, float[] x, int rows, float[] out, ForwardHooks hooks) {
    LinearWeight w = linears.get(p);
    hooks.linearInput(index, p, x, rows, w.inFeatures());
    w.matmul(x, rows, out);
    float[] b = biases.get(p);
    if (b != null) {
      int width = b.length;
      for (int r = 0; r < rows; r++) {
        for (int o = 0; o < width; o++) {
          out[r * width + o] += b[o];
        }
      }
    }
  }

  private void storeKeysAndValues(int rows, KvCache[] caches, int[] positions, ForwardBuffers buf) {
    int kvDim = config.kvDim();
    for (int r = 0; r < rows; r++) {
      int dst = positions[r] * kvDim;
      System.arraycopy(buf.k, r * kvDim, caches[r].keys(index), dst, kvDim);
      System.arraycopy(buf.v, r * kvDim, caches[r].values(index), dst, kvDim);
    }
  }

  /**
   * {@code attn = softmax(q·Kᵀ / sqrt(d)) · V} per query head over the keys of its kv head at
   * positions {@code (pos − window, pos]} (all of {@code [0, pos]} without a window). Rows are
   * independent, so a large call (a prefill, a calibration forward) splits them over the shared
   * {@link ParallelFor}, dealt first/last alternately because causal rows grow with their position;
   * every row is computed exactly as in a serial run. The q·k dots and the value sums use the
   * vector kernels (a head's 64 or 128 lanes per key).
   */
  private void attend(int rows, KvCache[] caches, int[] positions, ForwardBuffers buf) {
    long keys = 0;
    int maxPos = 0;
    for (int r = 0; r < rows; r++) {
      keys += positions[r] + 1;
      maxPos = Math.max(maxPos, positions[r]);
    }
    long work = keys * config.numAttentionHeads() * config.headDim();
    if (work < PARALLEL_MIN_ATTENTION_WORK || rows < 2) {
      attendRows(0, rows, rows, caches, positions, buf, buf.scores(maxPos + 1));
      return;
    }
    int capacity = maxPos + 1;
    ParallelFor.shared()
        .forRange(
            rows,
            1,
            (u0, u1) -> attendRows(u0, u1, rows, caches, positions, buf, new float[capacity]));
  }

  /**
   * Rows {@code order(u)} for {@code u} in {@code [u0, u1)}, where {@code order} deals {@code 0,
   * rows−1, 1, rows−2, …}; {@code scores} holds at least {@code max(position) + 1} floats.
   */
  private void attendRows(
      int u0,
      int u1,
      int rows,
      KvCache[] caches,
      int[] positions,
      ForwardBuffers buf,
      float[] scores) {
    int headDim = config.headDim();
    int heads = config.numAttentionHeads();
    int kvDim = config.kvDim();
    int group = config.queryGroupSize();
    int window = config.slidingWindow();
    float scale = (float) (1.0 / Math.sqrt(headDim));
    for (int u = u0; u < u1; u++) {
      int r = (u & 1) == 0 ? u >>> 1 : rows - 1 - (u >>> 1);
      float[] keys = caches[r].keys(index); // (capacity, kvDim)
      float[] values = caches[r].values(index); // (capacity, kvDim)
      int pos = positions[r];
      int start = window > 0 ? Math.max(0, pos - window + 1) : 0;
      for (int h = 0; h < heads; h++) {
        int qBase = (r * heads + h) * headDim;
        int kvOff = (h / group) * headDim;
        float max = Float.NEGATIVE_INFINITY;
        for (int t = start; t <= pos; t++) {
          scores[t] = VectorKernels.dot(buf.q, qBase, keys, t * kvDim + kvOff, headDim) * scale;
          max = Math.max(max, scores[t]);
        }
        float sum = 0f;
        for (int t = start; t <= pos; t++) {
          scores[t] = (float) Math.exp(scores[t] - max);
          sum += scores[t];
        }
        float inv = 1f / sum;
        Arrays.fill(buf.attn, qBase, qBase + headDim, 0f);
        for (int t = start; t <= pos; t++) {
          VectorKernels.axpy(scores[t] * inv, values, t * kvDim + kvOff, buf.attn, qBase, headDim);
        }
      }
    }
  }

  private static void addInto(float[] acc, float[] x, int n) {
    for (int i = 0; i < n; i++) {
      acc[i] += x[i];
    }
  }

  private int expectedIn(Projection p) {
    return switch (p) {
      case O_PROJ -> config.numAttentionHeads() * config.headDim();
      case DOWN_PROJ -> config.intermediateSize();
      default -> config.hiddenSize();
    };
  }

  private int expectedOut(Projection p) {
    return switch (p) {
      case Q_PROJ -> config.numAttentionHeads() * config.headDim();
      case K_PROJ, V_PROJ -> config.kvDim();
      case GATE_PROJ, UP_PROJ -> config.intermediateSize();
      default -> config.hiddenSize();
    };
  }

  private void checkShape(Projection p, LinearWeight w) {
    if (w.inFeatures() != expectedIn(p) || w.outFeatures() != expectedOut(p)) {
      throw new IllegalArgumentException(
          String.format(
              "layer %d %s must be (out %d, in %d), got (out %d, in %d)",
              index, p.hfName(), expectedOut(p), expectedIn(p), w.outFeatures(), w.inFeatures()));
    }
  }
}
