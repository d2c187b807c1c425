package io.acbench.runtime.sampling;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws the next token of one sequence: greedy argmax at temperature 0, otherwise {@code
 * softmax(logits / T)} restricted to the top-k tokens, then to the top-p nucleus (Holtzman et al.
 * 2020), renormalized, and sampled with the sequence's own seeded generator.
 */
public final class Sampler {

  private final SamplingParams params;
  private final SplittableRandom random;

  public Sampler(SamplingParams params) {
    this.params = params;
    this.random = new SplittableRandom(params.seed());
  }

  /** The next token from {@code logits[offset, offset + vocab)}; the logits are not modified. */
  public int sample(float[] logits, int offset, int vocab) {
    if (params.isGreedy()) {
      return argmax(logits, offset, vocab);
    }
    if (params.topK() <= 0 && params.topP() >= 1) {
      return drawUnfiltered(logits, offset, vocab);
    }
    Candidates c =
        candidates(logits, offset, vocab, params.temperature(), params.topK(), params.topP());
    double u = random.nextDouble();
    double cumulative = 0;
    for (int i = 0; i < c.tokens.length; i++) {
      cumulative += c.probs[i];
      if (u < cumulative) {
        return c.tokens[i];
      }
    }
    return c.tokens[c.tokens.length - 1];
  }

  /** A draw from {@code softmax(logits / T)} over the whole vocabulary, without sorting. */
  private int drawUnfiltered(float[] logits, int offset, int vocab) {
    double max = logits[offset + argmax(logits, offset, vocab)];
    double t = params.temperature();
    double sum = 0;
    for (int i = 0; i < vocab; i++) {
      sum += Math.exp((logits[offset + i] - max) / t);
    }
    double target = random.nextDouble() * sum;
    double cumulative = 0;
    for (int i = 0; i < vocab; i++) {
      cumulative += Math.exp((logits[offset + i] - max) / t);
      if (target < cumulative) {
        return i;
      }
    }
    return argmax(logits, offset, vocab);
  }

  /** Index of the largest logit, the lowest index on ties. */
  public static int argmax(float[] logits, int offset, int vocab) {
    int best = 0;
    for (int i = 1; i < vocab; i++) {
      if (logits[offset + i] > logits[offset + best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * The tokens that survive temperature, top-k and top-p, most likely first, with their
   * renormalized probabilities.
   *
   * @param tokens token ids, by decreasing probability (ties by increasing id)
   * @param probs their probabilities, summing to 1
   */
  public record Candidates(int[] tokens, double[] probs) {}

  /**
   * Keeps the {@code topK} most likely tokens (all when {@code topK <= 0}), then the shortest
   * prefix of them whose probability (renormalized over the top-k set) reaches {@code topP}.
   */
  public static Candidates candidates(
      float[] logits, int offset, int vocab, double temperature, int topK, double topP) {
    long[] order = new long[vocab]; // (sortable −logit) << 32 | token
    for (int i = 0; i < vocab; i++) {
      order[i] = ((long) sortable(-logits[offset + i]) << 32) | i;
    }
    Arrays.sort(order);
    int k = topK > 0 ? Math.min(topK, vocab) : vocab;
    double max = logits[offset + (int) order[0]];
    double[] probs = new double[k];
    double sum = 0;
    for (int i = 0; i < k; i++) {
      probs[i] = Math.exp((logits[offset + (int) order[i]] - max) / temperature);
      sum += probs[i];
    }
    int kept = 0;
    double cumulative = 0;
    while (kept < k && (kept == 0 || cumulative < topP)) {
      probs[kept] /= sum;
      cumulative += probs[kept];
      kept++;
    }
    int[] tokens = new int[kept];
    double[] keptProbs = new double[kept];
    for (int i = 0; i < kept; i++) {
      tokens[i] = (int) order[i];
      keptProbs[i] = probs[i] / cumulative;
    }
    return new Candidates(tokens, keptProbs);
  }

  /** An int whose signed order equals the float order (NaN last). */
  private static int sortable(float f) {
    int bits = Float.floatToIntBits(f);
    return bits ^ ((bits >> 31) & 0x7fffffff);
  }
}
