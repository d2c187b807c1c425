package io.acbench.runtime.model;

import io.acbench.runtime.config.ModelConfig;

/**
 * A naive double-precision forward pass over a whole sequence, written independently of the engine
 * from the model definitions: {@code x·cos + rotate_half(x)·sin} RoPE, an explicit causal (and
 * sliding-window) mask matrix, and textbook loops. The test oracle.
 */
final class ReferenceForward {

  private ReferenceForward() {}

  /** Logits (tokens, vocab). */
  static double[][] logits(TinyModel m, int[] tokens) {
    ModelConfig c = m.config;
    int n = tokens.length;
    int hidden = c.hiddenSize();
    double[][] h = new double[n][hidden];
    for (int t = 0; t < n; t++) {
      for (int i = 0; i < hidden; i++) {
        h[t][i] = m.embed[tokens[t] * hidden + i];
      }
    }
    double[] invFreq = inverseFrequencies(c);
    for (int l = 0; l < c.numHiddenLayers(); l++) {
      double[][] x = rmsNorm(h, m.inputNorms.get(l), c.rmsNormEps());
      double[][] q = linear(m, l, Projection.Q_PROJ, x);
      double[][] k = linear(m, l, Projection.K_PROJ, x);
      double[][] v = linear(m, l, Projection.V_PROJ, x);
      rope(q, c.numAttentionHeads(), c.headDim(), invFreq);
      rope(k, c.numKeyValueHeads(), c.headDim(), invFreq);
      double[][] attn = attention(c, q, k, v);
      add(h, linear(m, l, Projection.O_PROJ, attn));
      double[][] x2 = rmsNorm(h, m.postNorms.get(l), c.rmsNormEps());
      double[][] g = linear(m, l, Projection.GATE_PROJ, x2);
      double[][] u = linear(m, l, Projection.UP_PROJ, x2);
      for (int t = 0; t < n; t++) {
        for (int i = 0; i < g[t].length; i++) {
          double silu = g[t][i] / (1 + Math.exp(-g[t][i]));
          g[t][i] = silu * u[t][i];
        }
      }
      add(h, linear(m, l, Projection.DOWN_PROJ, g));
    }
    double[][] f = rmsNorm(h, m.finalNorm, c.rmsNormEps());
    return matmul(f, m.lmHead, c.vocabSize(), null);
  }

  static double[] inverseFrequencies(ModelConfig c) {
    int d = c.headDim();
    double[] inv = new double[d / 2];
    for (int i = 0; i < d / 2; i++) {
      inv[i] = Math.pow(c.ropeTheta(), -(2.0 * i) / d);
      ModelConfig.RopeScaling s = c.ropeScaling();
      if (s == null) {
        continue;
      }
      if (s.ropeType().equals("linear")) {
        inv[i] /= s.factor();
      } else if (s.ropeType().equals("llama3")) {
        double wavelen = 2 * Math.PI / inv[i];
        double lowWavelen = s.originalMaxPositionEmbeddings() / s.lowFreqFactor();
        double highWavelen = s.originalMaxPositionEmbeddings() / s.highFreqFactor();
        if (wavelen < highWavelen) {
          continue;
        }
        if (wavelen > lowWavelen) {
          inv[i] /= s.factor();
        } else {
          double ratio = s.originalMaxPositionEmbeddings() / wavelen;
          double smooth = (ratio - s.lowFreqFactor()) / (s.highFreqFactor() - s.lowFreqFactor());
          inv[i] = (1 - smooth) * inv[i] / s.factor() + smooth * inv[i];
        }
      }
    }
    return inv;
  }

  private static void rope(double[][] x, int heads, int d, double[] invFreq) {
    for (int t = 0; t < x.length; t++) {
      for (int h = 0; h < heads; h++) {
        double[] head = new double[d];
        System.arraycopy(x[t], h * d, head, 0, d);
        double[] rotated = new double[d]; // rotate_half: [-x2, x1]
        for (int i = 0; i < d / 2; i++) {
          rotated[i] = -head[i + d / 2];
          rotated[i + d / 2] = head[i];
        }
        for (int i = 0; i < d; i++) {
          double angle = t * invFreq[i % (d / 2)];
          x[t][h * d + i] = head[i] * Math.cos(angle) + rotated[i] * Math.sin(angle);
        }
      }
    }
  }

  private static double[][] attention(ModelConfig c, double[][] q, double[][] k, double[][] v) {
    int n = q.length;
    int d = c.headDim();
    double[][] out = new double[n][c.numAttentionHeads() * d];
    for (int h = 0; h < c.numAttentionHeads(); h++) {
      int kvh = h / (c.numAttentionHeads() / c.numKeyValueHeads());
      for (int i = 0; i < n; i++) {
        double[] s = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
          boolean visible = j <= i && (c.slidingWindow() == 0 || i - j < c.slidingWindow());
          if (!visible) {
            s[j] = Double.NEGATIVE_INFINITY;
            continue;
          }
          double dot = 0;
          for (int e = 0; e < d; e++) {
            dot += q[i][h * d + e] * k[j][kvh * d + e];
          }
          s[j] = dot / Math.sqrt(d);
          max = Math.max(max, s[j]);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
          s[j] = Math.exp(s[j] - max);
          sum += s[j];
        }
        for (int j = 0; j < n; j++) {
          for (int e = 0; e < d; e++) {
            out[i][h * d + e] += s[j] / sum * v[j][kvh * d + e];
          }
        }
      }
    }
    return out;
  }

  private static double[][] rmsNorm(double[][] x, float[] w, double eps) {
    double[][] y = new double[x.length][];
    for (int t = 0; t < x.length; t++) {
      double ms = 0;
      for (double e : x[t]) {
        ms += e * e / x[t].length;
      }
      y[t] = new double[x[t].length];
      for (int i = 0; i < x[t].length; i++) {
        y[t][i] = x[t][i] / Math.sqrt(ms + eps) * w[i];
      }
    }
    return y;
  }

  private static double[][] linear(TinyModel m, int layer, Projection p, double[][] x) {
    return matmul(x, m.weights.get(layer).get(p), m.out(p), m.biases.get(layer).get(p));
  }

  private static double[][] matmul(double[][] x, float[] w, int out, float[] bias) {
    int in = x[0].length;
    double[][] y = new double[x.length][out];
    for (int t = 0; t < x.length; t++) {
      for (int o = 0; o < out; o++) {
        double acc = bias == null ? 0 : bias[o];
        for (int i = 0; i < in; i++) {
          acc += x[t][i] * w[o * in + i];
        }
        y[t][o] = acc;
      }
    }
    return y;
  }

  private static void add(double[][] acc, double[][] x) {
    for (int t = 0; t < acc.length; t++) {
      for (int i = 0; i < acc[t].length; i++) {
        acc[t][i] += x[t][i];
      }
    }
  }
}
