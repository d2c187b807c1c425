package io.acbench.runtime.model;

import io.acbench.runtime.config.ModelConfig;
import io.acbench.runtime.weights.LinearWeight;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded random parameters of a tiny model of each family, kept as plain arrays for oracles. */
public final class TinyModel {

  static final int HIDDEN = 32;
  static final int INTERMEDIATE = 48;
  static final int LAYERS = 2;
  static final int HEADS = 4;
  static final int KV_HEADS = 2;
  static final int HEAD_DIM = 8;
  public static final int VOCAB = 40;

  final ModelConfig config;
  final float[] embed; // (vocab, hidden)
  final float[] lmHead; // (vocab, hidden), the embedding itself when tied
  final float[] finalNorm; // (hidden)
  final List<Map<Projection, float[]>> weights = new ArrayList<>(); // per layer (out, in)
  final List<Map<Projection, float[]>> biases = new ArrayList<>();
  final List<float[]> inputNorms = new ArrayList<>();
  final List<float[]> postNorms = new ArrayList<>();

  /** Qwen2: q/k/v bias, tied embeddings. */
  public static ModelConfig qwen2() {
    return config("qwen2", null, true, true, 0);
  }

  /** Llama with Llama 3 rope scaling crossing all three frequency bands. */
  public static ModelConfig llama3() {
    var scaling = new ModelConfig.RopeScaling("llama3", 8.0, 1.0, 4.0, 64);
    return config("llama", scaling, false, false, 0);
  }

  /** Llama with linear rope scaling. */
  public static ModelConfig llamaLinear() {
    return config("llama", new ModelConfig.RopeScaling("linear", 2.0, 0, 0, 0), false, false, 0);
  }

  /** Mistral with a 4-token sliding window. */
  public static ModelConfig mistral() {
    return config("mistral", null, false, false, 4);
  }

  public static ModelConfig config(
      String type, ModelConfig.RopeScaling scaling, boolean bias, boolean tied, int window) {
    return new ModelConfig(
        Character.toUpperCase(type.charAt(0)) + type.substring(1) + "ForCausalLM",
        type,
        HIDDEN,
        INTERMEDIATE,
        LAYERS,
        HEADS,
        KV_HEADS,
        HEAD_DIM,
        VOCAB,
        256,
        1e-5,
        10000.0,
        scaling,
        bias,
        tied,
        window,
        1,
        new int[] {2},
        "float32",
        null);
  }

  public TinyModel(ModelConfig config, long seed) {
    this.config = config;
    SplittableRandom random = new SplittableRandom(seed);
    embed = randoms(random, VOCAB * HIDDEN, 1.0f);
    lmHead = config.tieWordEmbeddings() ? embed : randoms(random, VOCAB * HIDDEN, 0.3f);
    finalNorm = norms(random);
    for (int l = 0; l < LAYERS; l++) {
      Map<Projection, float[]> w = new EnumMap<>(Projection.class);
      Map<Projection, float[]> b = new EnumMap<>(Projection.class);
      for (Projection p : Projection.values()) {
        w.put(p, randoms(random, out(p) * in(p), 0.5f / (float) Math.sqrt(in(p))));
        boolean qkv = p == Projection.Q_PROJ || p == Projection.K_PROJ || p == Projection.V_PROJ;
        if (config.attentionBias() && qkv) {
          b.put(p, randoms(random, out(p), 0.2f));
        }
      }
      weights.add(w);
      biases.add(b);
      inputNorms.add(norms(random));
      postNorms.add(norms(random));
    }
  }

  int in(Projection p) {
    return switch (p) {
      case O_PROJ -> HEADS * HEAD_DIM;
      case DOWN_PROJ -> INTERMEDIATE;
      default -> HIDDEN;
    };
  }

  int out(Projection p) {
    return switch (p) {
      case Q_PROJ -> HEADS * HEAD_DIM;
      case K_PROJ, V_PROJ -> KV_HEADS * HEAD_DIM;
      case GATE_PROJ, UP_PROJ -> INTERMEDIATE;
      default -> HIDDEN;
    };
  }

  public Transformer build() {
    List<DecoderLayer> layers = new ArrayList<>();
    for (int l = 0; l < LAYERS; l++) {
      Map<Projection, LinearWeight> linears = new EnumMap<>(Projection.class);
      for (Projection p : Projection.values()) {
        linears.put(p, new DenseTestWeight(weights.get(l).get(p), out(p), in(p)));
      }
      layers.add(
          new DecoderLayer(
              l,
              config,
              new RmsNorm(inputNorms.get(l), config.rmsNormEps()),
              new RmsNorm(postNorms.get(l), config.rmsNormEps()),
              linears,
              biases.get(l)));
    }
    return new Transformer(
        config,
        Embedding.ofFloats(embed, VOCAB, HIDDEN),
        layers,
        new RmsNorm(finalNorm, config.rmsNormEps()),
        new DenseTestWeight(lmHead, VOCAB, HIDDEN));
  }

  public static int[] tokens(long seed, int n) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = random.nextInt(VOCAB);
    }
    return t;
  }

  private static float[] norms(SplittableRandom random) {
    float[] w = new float[HIDDEN];
    for (int i = 0; i < HIDDEN; i++) {
      w[i] = (float) (0.8 + 0.4 * random.nextDouble());
    }
    return w;
  }

  private static float[] randoms(SplittableRandom random, int n, float scale) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
    }
    return a;
  }
}
