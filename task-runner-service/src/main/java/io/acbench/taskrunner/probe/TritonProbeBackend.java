package io.acbench.taskrunner.probe;

import io.acbench.contracts.probe.ProbeSequence;
import io.acbench.inference.client.ProbeRequest;
import io.acbench.inference.client.ProbeResult;
import io.acbench.inference.client.TritonClient;
import io.acbench.inference.client.TritonException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ProbeBackend} over {@link TritonClient#probe}: the windows go as {@code input_ids} in
 * batches of {@code batchSize}, with {@code top_k} and, for a variant, the base's top-k ids as
 * {@code reference_ids}. The reduced outputs become the probe file's sequences.
 */
public final class TritonProbeBackend implements ProbeBackend {

  private final TritonClient client;
  private final int batchSize;

  public TritonProbeBackend(TritonClient client, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("probe batch-size must be >= 1, was " + batchSize);
    }
    this.client = client;
    this.batchSize = batchSize;
  }

  @Override
  public List<ProbeSequence> probe(
      String model, List<int[]> windows, int topK, List<int[]> referenceIds) {
    List<ProbeSequence> out = new ArrayList<>(windows.size());
    for (int from = 0; from < windows.size(); from += batchSize) {
      int to = Math.min(windows.size(), from + batchSize);
      List<long[]> ids = new ArrayList<>();
      List<long[][]> reference = referenceIds == null ? null : new ArrayList<>();
      for (int w = from; w < to; w++) {
        ids.add(toLongs(windows.get(w)));
        if (reference != null) {
          reference.add(rows(referenceIds.get(w), windows.get(w).length));
        }
      }
      ProbeRequest request = ProbeRequest.ofTokenIds(model, ids, topK);
      if (reference != null) {
        request = request.withReferenceIds(reference);
      }
      ProbeResult result;
      try {
        result = client.probe(request);
      } catch (TritonException e) {
        throw new ProbeException(
            "probe model '" + model + "' failed: " + e.code() + " " + e.serverMessage(), e);
      } catch (RuntimeException e) {
        throw new ProbeException("probe model '" + model + "' failed: " + e.getMessage(), e);
      }
      for (int i = 0; i < result.sequences().size(); i++) {
        int w = from + i;
        out.add(
            toSequence(
                windows.get(w),
                result.sequences().get(i),
                topK,
                referenceIds == null ? null : referenceIds.get(w),
                model));
      }
    }
    return out;
  }

  private static ProbeSequence toSequence(
      int[] window,
      io.acbench.inference.client.ProbeSequence s,
      int k,
      int[] referenceIds,
      String model) {
    int n = window.length;
    if (s.numTokens() != n) {
      throw new ProbeException(
          "probe model '" + model + "' returned " + s.numTokens() + " positions for " + n);
    }
    int[] topIds = new int[n * k];
    float[] topLogits = new float[n * k];
    for (int t = 0; t < n; t++) {
      if (s.topkIds()[t].length != k) {
        throw new ProbeException(
            "probe model '" + model + "' returned " + s.topkIds()[t].length + " top ids, not " + k);
      }
      for (int j = 0; j < k; j++) {
        topIds[t * k + j] = Math.toIntExact(s.topkIds()[t][j]);
        topLogits[t * k + j] = s.topkLogits()[t][j];
      }
    }
    if (s.gram() == null) {
      throw new ProbeException("probe model '" + model + "' returned no gram output");
    }
    double[] gram = new double[n * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(s.gram()[i], 0, gram, i * n, n);
    }
    ProbeSequence.ReferenceLogits reference = null;
    if (referenceIds != null) {
      if (s.referenceLogits() == null) {
        throw new ProbeException(
            "probe model '" + model + "' returned no reference_logits for the reference ids");
      }
      int kr = referenceIds.length / n;
      float[] logits = new float[n * kr];
      for (int t = 0; t < n; t++) {
        System.arraycopy(s.referenceLogits()[t], 0, logits, t * kr, kr);
      }
      reference = new ProbeSequence.ReferenceLogits(referenceIds.clone(), logits);
    }
    return new ProbeSequence(window.clone(), s.logsumexp(), topIds, topLogits, gram, reference);
  }

  private static long[] toLongs(int[] v) {
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  /** Row-major (n·k) ids as n rows of k. */
  private static long[][] rows(int[] flat, int n) {
    int k = flat.length / n;
    long[][] out = new long[n][k];
    for (int t = 0; t < n; t++) {
      for (int j = 0; j < k; j++) {
        out[t][j] = flat[t * k + j];
      }
    }
    return out;
  }
}
