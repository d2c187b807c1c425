package io.acbench.runtime.model;

import io.acbench.runtime.config.ModelConfig;

/**
 * Working buffers of one forward pass over up to {@code rows} tokens, allocated once and reused by
 * every layer.
 */
final class ForwardBuffers {

  final int rows;
  final float[] xNorm; // (rows, hiddenSize)
  final float[] q; // (rows, heads · headDim)
  final float[] k; // (rows, kvDim)
  final float[] v; // (rows, kvDim)
  final float[] attn; // (rows, heads · headDim)
  final float[] proj; // (rows, hiddenSize)
  final float[] gate; // (rows, intermediateSize)
  final float[] up; // (rows, intermediateSize)
  final float[] cos; // (rows, headDim / 2)
  final float[] sin; // (rows, headDim / 2)
  float[] scores; // (contextLength)

  ForwardBuffers(ModelConfig c, int rows) {
    this.rows = rows;
    int qDim = c.numAttentionHeads() * c.headDim();
    xNorm = new float[rows * c.hiddenSize()];
    q = new float[rows * qDim];
    k = new float[rows * c.kvDim()];
    v = new float[rows * c.kvDim()];
    attn = new float[rows * qDim];
    proj = new float[rows * c.hiddenSize()];
    gate = new float[rows * c.intermediateSize()];
    up = new float[rows * c.intermediateSize()];
    cos = new float[rows * c.headDim() / 2];
    sin = new float[rows * c.headDim() / 2];
    scores = new float[64];
  }

  float[] scores(int length) {
    if (scores.length < length) {
      scores = new float[Math.max(length, scores.length * 2)];
    }
    return scores;
  }
}
