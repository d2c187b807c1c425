package io.acbench.metrics.scorers.common;

/** The one real embedding model all scorer tests share (loaded once per test JVM). */
public final class SharedEmbedder {

  private SharedEmbedder() {}

  public static SentenceSimilarity similarity() {
    return new SentenceSimilarity(MiniLmSentenceEmbedder.shared());
  }
}
