package io.acbench.metrics.scorers.common;

import java.util.List;

/** Turns sentences into fixed-size embedding vectors (S1 of benchmark-spec §3.0). */
public interface SentenceEmbedder {

  /** One vector per sentence, in input order; all vectors have the same length. */
  float[][] embed(List<String> sentences);

  /** The model's name, for reports. */
  String modelName();
}
