package io.acbench.metrics.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.acbench.contracts.probe.ProbeFiles;
import io.acbench.contracts.probe.ProbeReductions;
import io.acbench.contracts.probe.ProbeResult;
import io.acbench.contracts.probe.ProbeSequence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeComparisonTest {

  @TempDir Path dir;

  private static float[][][] logits(long seed, int windows, int n, int vocab) {
    Random rnd = new Random(seed);
    float[][][] l = new float[windows][n][vocab];
    for (float[][] w : l) {
      for (float[] row : w) {
        for (int v = 0; v < vocab; v++) {
          row[v] = (float) (2 * rnd.nextGaussian());
        }
      }
    }
    return l;
  }

  private static ProbeResult probe(float[][][] l, int k, ProbeResult base) {
    List<ProbeSequence> seqs = new ArrayList<>();
    for (int s = 0; s < l.length; s++) {
      int[] ids = new int[l[s].length];
      for (int t = 0; t < ids.length; t++) {
        ids[t] = (s * 31 + t) % l[s][0].length;
      }
      seqs.add(
          ProbeReductions.reduce(
              ids, l[s], k, base == null ? null : base.sequences().get(s).topIds()));
    }
    return new ProbeResult(l[0][0].length, k, seqs);
  }

  @Test
  void aVariantIdenticalToTheBaseShowsNoChangeAfterAStoreRoundTrip() throws Exception {
    float[][][] l = logits(3, 4, 8, 64);
    ProbeResult base = probe(l, 10, null);
    ProbeResult variant = probe(l, 10, base);
    Path b = dir.resolve("base.acbp");
    Path v = dir.resolve("variant.acbp");
    String db = ProbeFiles.write(base, b);
    String dv = ProbeFiles.write(variant, v);
    ProbeComparison c = ProbeComparison.of(ProbeFiles.read(b, db), ProbeFiles.read(v, dv));
    assertThat(c.erank().diff()).isCloseTo(0, within(1e-12));
    assertThat(c.kl().mean()).isCloseTo(0, within(1e-6));
    // the base stored top-10, so only k = 3 and 10 of the spec's {3, 10, 20} are computed
    assertThat(c.topK().keySet()).containsExactly(3, 10);
    for (TopKCorrelation.Curve curve : c.topK().values()) {
      assertThat(curve.kendall()).containsOnly(1.0);
      assertThat(curve.counted()).containsOnly(4);
    }
    assertThat(c.baseEnergy().counts()).containsExactly(c.variantEnergy().counts());
    assertThat(c.baseEnergy().counts()).hasSize(100);
  }

  @Test
  void noiseLowersCorrelationAndRaisesKl() {
    float[][][] l = logits(5, 6, 16, 128);
    float[][][] noisy = logits(5, 6, 16, 128);
    Random rnd = new Random(9);
    for (float[][] w : noisy) {
      for (float[] row : w) {
        for (int i = 0; i < row.length; i++) {
          row[i] += (float) rnd.nextGaussian();
        }
      }
    }
    ProbeResult base = probe(l, 20, null);
    ProbeComparison small = ProbeComparison.of(base, probe(l, 20, base));
    ProbeComparison large = ProbeComparison.of(base, probe(noisy, 20, base));
    assertThat(large.topK().get(20).meanKendall()).isLessThan(small.topK().get(20).meanKendall());
    assertThat(large.kl().mean()).isGreaterThan(small.kl().mean() + 1e-3);
    assertThat(large.topK().keySet()).containsExactly(3, 10, 20);
  }
}
