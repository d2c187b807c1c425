package io.acbench.runtime.model;

import io.acbench.runtime.config.ModelConfig;

/**
 * Rotary position embedding (Su et al. 2021, RoFormer) in Hugging Face's rotate-half layout: the
 * pair {@code (x[i], x[i + d/2])} of a head rotates by angle {@code p · invFreq[i]}, with {@code
 * invFreq[i] = theta^(-2i/d)} optionally rescaled (linear, or Llama 3's frequency-dependent rule).
 */
public final class Rope {

  private final int headDim;
  private final float[] invFreq; // (headDim / 2)

  public Rope(int headDim, double theta, ModelConfig.RopeScaling scaling) {
    if (headDim % 2 != 0) {
      throw new IllegalArgumentException("head_dim must be even for RoPE, got " + headDim);
    }
    this.headDim = headDim;
    this.invFreq = inverseFrequencies(headDim, theta, scaling);
  }

  /** The rotary embedding a config calls for. */
  public static Rope of(ModelConfig config) {
    return new Rope(config.headDim(), config.ropeTheta(), config.ropeScaling());
  }

  /** The rotation frequency of every pair, after scaling (a fresh copy). */
  public float[] inverseFrequencies() {
    return invFreq.clone();
  }

  /**
   * {@code invFreq[i] = theta^(-2i/d)}, then: linear scaling divides every frequency by {@code
   * factor}; Llama 3 scaling divides the low frequencies (wavelength above {@code original / low})
   * by {@code factor}, keeps the high ones (wavelength below {@code original / high}), and blends
   * in between with {@code s = (original / wavelength − low) / (high − low)}: {@code (1 − s) · f /
   * factor + s · f}.
   */
  static float[] inverseFrequencies(int headDim, double theta, ModelConfig.RopeScaling scaling) {
    int half = headDim / 2;
    float[] freq = new float[half];
    for (int i = 0; i < half; i++) {
      freq[i] = (float) (1.0 / Math.pow(theta, (2.0 * i) / headDim));
    }
    String type = scaling == null ? "default" : scaling.ropeType();
    switch (type) {
      case "default" -> {}
      case "linear" -> {
        for (int i = 0; i < half; i++) {
          freq[i] = (float) (freq[i] / scaling.factor());
        }
      }
      case "llama3" -> applyLlama3(freq, scaling);
      default -> throw new IllegalArgumentException("unsupported rope_type '" + type + "'");
    }
    return freq;
  }

  private static void applyLlama3(float[] freq, ModelConfig.RopeScaling s) {
    double original = s.originalMaxPositionEmbeddings();
    double lowWavelength = original / s.lowFreqFactor();
    double highWavelength = original / s.highFreqFactor();
    for (int i = 0; i < freq.length; i++) {
      double f = freq[i];
      double wavelength = 2 * Math.PI / f;
      if (wavelength > lowWavelength) {
        freq[i] = (float) (f / s.factor());
      } else if (wavelength >= highWavelength) {
        double smooth =
            (original / wavelength - s.lowFreqFactor()) / (s.highFreqFactor() - s.lowFreqFactor());
        freq[i] = (float) ((1 - smooth) * f / s.factor() + smooth * f);
      }
    }
  }

  /**
   * Fills the rotation table for the given positions.
   *
   * @param cos (rows, headDim / 2), overwritten
   * @param sin (rows, headDim / 2), overwritten
   */
  void angles(int[] positions, int rows, float[] cos, float[] sin) {
    int half = headDim / 2;
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < half; i++) {
        float angle = positions[r] * invFreq[i];
        cos[r * half + i] = (float) Math.cos(angle);
        sin[r * half + i] = (float) Math.sin(angle);
      }
    }
  }

  /**
   * Rotates every head of every row in place: {@code (a, b) → (a·cos − b·sin, b·cos + a·sin)} for
   * {@code a = x[i]}, {@code b = x[i + d/2]}.
   *
   * @param x (rows, heads · headDim), modified
   * @param cos (rows, headDim / 2) from {@link #angles}
   * @param sin (rows, headDim / 2)
   */
  void rotate(float[] x, int rows, int heads, float[] cos, float[] sin) {
    int half = headDim / 2;
    int width = heads * headDim;
    for (int r = 0; r < rows; r++) {
      for (int h = 0; h < heads; h++) {
        int base = r * width + h * headDim;
        for (int i = 0; i < half; i++) {
          float c = cos[r * half + i];
          float s = sin[r * half + i];
          float a = x[base + i];
          float b = x[base + i + half];
          x[base + i] = a * c - b * s;
          x[base + i + half] = b * c + a * s;
        }
      }
    }
  }
}
