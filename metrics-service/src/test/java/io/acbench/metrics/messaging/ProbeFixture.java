package io.acbench.metrics.messaging;

import io.acbench.contracts.events.ProbeCompleted;
import io.acbench.contracts.probe.ProbeFiles;
import io.acbench.contracts.probe.ProbeReductions;
import io.acbench.contracts.probe.ProbeResult;
import io.acbench.contracts.probe.ProbeSequence;
import io.acbench.metrics.analysis.ERank;
import io.acbench.metrics.analysis.RankCorrelation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Test data: seeded random logits of a base and a variant (base + noise) on the same inputs, the
 * probe files the runner would write for them (variant with reference logits at the base's top-k
 * ids), and the expected analysis values computed here from the raw logits.
 */
public final class ProbeFixture {

  public static final String PROBE_SET = "builtin-v1";
  public static final int K = 20;

  public final int[][] tokens;
  public final float[][][] base;
  public final float[][][] variant;

  public ProbeFixture(long seed, int vocab, int[] lengths, double noise) {
    Random random = new Random(seed);
    tokens = new int[lengths.length][];
    base = new float[lengths.length][][];
    variant = new float[lengths.length][][];
    for (int s = 0; s < lengths.length; s++) {
      tokens[s] = random.ints(lengths[s], 0, vocab).toArray();
      base[s] = new float[lengths[s]][vocab];
      variant[s] = new float[lengths[s]][vocab];
      for (int t = 0; t < lengths[s]; t++) {
        for (int v = 0; v < vocab; v++) {
          base[s][t][v] = (float) (3 * random.nextGaussian());
          variant[s][t][v] = (float) (base[s][t][v] + noise * random.nextGaussian());
        }
      }
    }
  }

  public ProbeResult baseResult() {
    List<ProbeSequence> sequences = new ArrayList<>();
    for (int s = 0; s < tokens.length; s++) {
      sequences.add(ProbeReductions.reduce(tokens[s], base[s], K, null));
    }
    return new ProbeResult(base[0][0].length, K, sequences);
  }

  public ProbeResult variantResult() {
    List<ProbeSequence> sequences = new ArrayList<>();
    for (int s = 0; s < tokens.length; s++) {
      int[] reference = new int[tokens[s].length * K];
      for (int t = 0; t < tokens[s].length; t++) {
        System.arraycopy(topIds(base[s][t], K), 0, reference, t * K, K);
      }
      sequences.add(ProbeReductions.reduce(tokens[s], variant[s], K, reference));
    }
    return new ProbeResult(base[0][0].length, K, sequences);
  }

  /** Writes the result and returns the event pointing at it. */
  public static ProbeCompleted write(String ev, String variantId, ProbeResult result, Path file)
      throws IOException {
    String digest = ProbeFiles.write(result, file);
    return ProbeCompleted.of(
        ev,
        variantId,
        PROBE_SET,
        file.toUri().toString(),
        digest,
        result.sequences().size(),
        result.positionCount());
  }

  /** Mean over sequences of ERank from the raw logits. */
  public static double meanERank(float[][][] logits) {
    return Arrays.stream(logits)
        .mapToDouble(x -> ERank.fromLogits(x, ERank.DEFAULT_EPSILON).erank())
        .average()
        .orElseThrow();
  }

  /** Mean over sequences of Kendall tau-b (or Spearman) at position t on the base's top-k ids. */
  public double correlationAt(int k, int t, boolean kendall) {
    double sum = 0;
    int n = 0;
    for (int s = 0; s < tokens.length; s++) {
      if (t >= tokens[s].length) {
        continue;
      }
      int[] ids = topIds(base[s][t], k);
      double[] x = new double[k];
      double[] y = new double[k];
      for (int j = 0; j < k; j++) {
        x[j] = base[s][t][ids[j]];
        y[j] = variant[s][t][ids[j]];
      }
      sum += kendall ? RankCorrelation.kendallTauB(x, y) : RankCorrelation.spearman(x, y);
      n++;
    }
    return sum / n;
  }

  /** Mean over all positions of KL(base ‖ variant) coarsened to the base's top-K + "other". */
  public double meanCoarsenedKl() {
    double sum = 0;
    int n = 0;
    for (int s = 0; s < tokens.length; s++) {
      for (int t = 0; t < tokens[s].length; t++) {
        double lseP = lse(base[s][t]);
        double lseQ = lse(variant[s][t]);
        double kl = 0;
        double pTop = 0;
        double qTop = 0;
        for (int id : topIds(base[s][t], K)) {
          double p = Math.exp(base[s][t][id] - lseP);
          double q = Math.exp(variant[s][t][id] - lseQ);
          kl += p * Math.log(p / q);
          pTop += p;
          qTop += q;
        }
        kl += (1 - pTop) * Math.log((1 - pTop) / (1 - qTop));
        sum += kl;
        n++;
      }
    }
    return sum / n;
  }

  private static double lse(float[] l) {
    double m = Double.NEGATIVE_INFINITY;
    for (float v : l) {
      m = Math.max(m, v);
    }
    double s = 0;
    for (float v : l) {
      s += Math.exp(v - m);
    }
    return m + Math.log(s);
  }

  /** Ids of the k largest logits, descending, by a full sort. */
  static int[] topIds(float[] logits, int k) {
    return IntStream.range(0, logits.length)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> logits[i]).reversed())
        .limit(k)
        .mapToInt(Integer::intValue)
        .toArray();
  }
}
