package io.acbench.metrics.probes;

import io.acbench.contracts.probe.ProbeFiles;
import io.acbench.contracts.probe.ProbeResult;
import io.acbench.metrics.analysis.ProbeComparison;
import io.acbench.metrics.messaging.ProbeFixture;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Time of one variant's analysis at the runner's probe-set size (50 windows of 32 tokens, k = 20):
 * reading and checking both files (the baseline) against reading them plus {@link
 * ProbeComparison#of} and the JSON document, in the same run. A manual benchmark, not a test.
 */
public final class AnalysisTiming {

  private AnalysisTiming() {}

  public static void main(String[] args) throws Exception {
    int[] lengths = new int[50];
    java.util.Arrays.fill(lengths, 32);
    ProbeFixture f = new ProbeFixture(42, 4096, lengths, 0.5);
    Path dir = Files.createTempDirectory("timing");
    String baseDigest = ProbeFiles.write(f.baseResult(), dir.resolve("base"));
    String variantDigest = ProbeFiles.write(f.variantResult(), dir.resolve("variant"));
    int rounds = Integer.parseInt(args.length > 0 ? args[0] : "30");
    double read = 0;
    double analysis = 0;
    for (int r = 0; r < rounds + 5; r++) {
      long t0 = System.nanoTime();
      ProbeResult b = ProbeFiles.read(dir.resolve("base"), baseDigest);
      ProbeResult v = ProbeFiles.read(dir.resolve("variant"), variantDigest);
      long t1 = System.nanoTime();
      ProbeResult b2 = ProbeFiles.read(dir.resolve("base"), baseDigest);
      ProbeResult v2 = ProbeFiles.read(dir.resolve("variant"), variantDigest);
      io.acbench.metrics.store.StoreJson.write(
          AnalysisDocuments.variant("builtin-v1", v2, ProbeComparison.of(b2, v2)));
      long t2 = System.nanoTime();
      if (r >= 5 && b.topK() == v.topK()) {
        read += (t1 - t0) / 1e6;
        analysis += (t2 - t1) / 1e6;
      }
    }
    System.out.printf(
        "50 x 32 tokens, k = 20, %d rounds: read both files %.2f ms, read + analyse %.2f ms,"
            + " ratio %.1f%n",
        rounds, read / rounds, analysis / rounds, analysis / read);
  }
}
