package io.acbench.runtime.model;

import io.acbench.runtime.weights.LinearWeight;

/** A plain float32 weight (out, in) with a textbook matmul, for tests only. */
final class DenseTestWeight implements LinearWeight {

  private final float[] w; // (out, in)
  private final int out;
  private final int in;

  DenseTestWeight(float[] w, int out, int in) {
    if (w.length != out * in) {
      throw new IllegalArgumentException("weight length " + w.length + " != " + out + "x" + in);
    }
    this.w = w;
    this.out = out;
    this.in = in;
  }

  @Override
  public int inFeatures() {
    return in;
  }

  @Override
  public int outFeatures() {
    return out;
  }

  @Override
  public void matmul(float[] x, int batch, float[] y) {
    for (int b = 0; b < batch; b++) {
      for (int o = 0; o < out; o++) {
        float acc = 0f;
        for (int i = 0; i < in; i++) {
          acc += x[b * in + i] * w[o * in + i];
        }
        y[b * out + o] = acc;
      }
    }
  }

  @Override
  public float[] dequantize() {
    return w.clone();
  }

  @Override
  public long storageBytes() {
    return 4L * w.length;
  }
}
