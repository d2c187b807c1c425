package io.acbench.metrics.scorers.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S1 of benchmark-spec §3.0: sim(a, b) = max(0, cos(e_a, e_b)), with e the sentence embedding. Each
 * distinct sentence is embedded once per call; recent embeddings are reused across calls (LRU,
 * thread safe), since gold nodes, START/END and API names recur.
 */
public final class SentenceSimilarity {

  /** Embeddings kept across calls (gold nodes, START/END and API names recur across samples). */
  static final int CACHE_ENTRIES = 8192;

  private final SentenceEmbedder embedder;
  private final Map<String, float[]> cache =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
          return size() > CACHE_ENTRIES;
        }
      };

  public SentenceSimilarity(SentenceEmbedder embedder) {
    this.embedder = embedder;
  }

  public SentenceEmbedder embedder() {
    return embedder;
  }

  /** Similarity of one pair. */
  public double similarity(String a, String b) {
    return matrix(List.of(a), List.of(b))[0][0];
  }

  /** S[i][j] = max(0, cos(e(rows_i), e(cols_j))); shape (rows.size(), cols.size()). */
  public double[][] matrix(List<String> rows, List<String> cols) {
    Map<String, float[]> emb = embedAll(rows, cols);
    double[][] s = new double[rows.size()][cols.size()];
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < cols.size(); j++) {
        s[i][j] = Math.max(0.0, cosine(emb.get(rows.get(i)), emb.get(cols.get(j))));
      }
    }
    return s;
  }

  private Map<String, float[]> embedAll(List<String> rows, List<String> cols) {
    Map<String, float[]> emb = new LinkedHashMap<>();
    for (String s : rows) {
      emb.put(s, null);
    }
    for (String s : cols) {
      emb.put(s, null);
    }
    List<String> missing = new ArrayList<>();
    synchronized (cache) {
      for (String s : emb.keySet()) {
        float[] v = cache.get(s);
        if (v == null) {
          missing.add(s);
        } else {
          emb.put(s, v);
        }
      }
    }
    float[][] vectors = missing.isEmpty() ? new float[0][] : embedder.embed(missing);
    synchronized (cache) {
      for (int k = 0; k < missing.size(); k++) {
        emb.put(missing.get(k), vectors[k]);
        cache.put(missing.get(k), vectors[k]);
      }
    }
    return emb;
  }

  /** cos(a, b) = a·b / (|a| |b|); 0 when either vector is zero. */
  public static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    if (na == 0 || nb == 0) {
      return 0.0;
    }
    return dot / (Math.sqrt(na) * Math.sqrt(nb));
  }
}
