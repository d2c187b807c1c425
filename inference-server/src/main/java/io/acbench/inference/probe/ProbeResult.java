package io.acbench.inference.probe;

import io.acbench.contracts.grpc.inference.ModelInferResponse;
import io.acbench.inference.tensor.OutputTensors;
import java.util.Arrays;

/** The reduced outputs of a probe request, padded to the longest sequence T. */
final class ProbeResult {

  private final ProbeRequest request;
  private final int batch;
  private final int longest;
  private final int k;
  private final int hiddenSize;
  private final long[] numTokens;
  private final float[] logsumexp;
  private final long[] topIds;
  private final float[] topLogits;
  private final double[] gram;
  private final float[] hidden;
  private final float[] referenceLogits;

  ProbeResult(ProbeRequest request, int hiddenSize) {
    this.request = request;
    this.batch = request.sequences().length;
    this.longest = Arrays.stream(request.sequences()).mapToInt(s -> s.length).max().orElse(0);
    this.k = request.topK();
    this.hiddenSize = hiddenSize;
    this.numTokens = new long[batch];
    this.logsumexp = new float[batch * longest];
    this.topIds = new long[batch * longest * k];
    Arrays.fill(topIds, -1);
    this.topLogits = new float[batch * longest * k];
    this.gram = request.outputs().contains("gram") ? new double[batch * longest * longest] : null;
    this.hidden = request.hiddenStates() ? new float[batch * longest * hiddenSize] : null;
    this.referenceLogits =
        request.reference() == null ? null : new float[batch * longest * request.reference().k()];
  }

  /** Reduces the logits (n, vocab) of sequence b; the logits buffer is overwritten. */
  void add(int b, float[] logits, int vocab, float[] finalHidden) {
    int n = request.sequences()[b].length;
    numTokens[b] = n;
    for (int t = 0; t < n; t++) {
      int off = t * vocab;
      logsumexp[b * longest + t] = (float) LogitMath.logSumExp(logits, off, vocab);
      if (referenceLogits != null) {
        ReferenceIds ref = request.reference();
        for (int j = 0; j < ref.k(); j++) {
          referenceLogits[(b * longest + t) * ref.k() + j] = logits[off + ref.id(b, t, j)];
        }
      }
      int[] top = LogitMath.topK(logits, off, vocab, k);
      for (int j = 0; j < top.length; j++) {
        int at = (b * longest + t) * k + j;
        topIds[at] = top[j];
        topLogits[at] = logits[off + top[j]];
      }
    }
    if (hidden != null && finalHidden != null) {
      System.arraycopy(finalHidden, 0, hidden, b * longest * hiddenSize, n * hiddenSize);
    }
    if (gram != null) {
      double[] g = LogitMath.gramInPlace(logits, 0, n, vocab);
      for (int i = 0; i < n; i++) {
        System.arraycopy(g, i * n, gram, (b * longest + i) * longest, n);
      }
    }
  }

  void write(ModelInferResponse.Builder r, java.util.Set<String> outputs) {
    long bl = batch;
    long tl = longest;
    if (outputs.contains("num_tokens")) {
      OutputTensors.addLongs(r, "num_tokens", new long[] {bl}, numTokens);
    }
    if (outputs.contains("logsumexp")) {
      OutputTensors.addFloats(r, "logsumexp", new long[] {bl, tl}, logsumexp);
    }
    if (outputs.contains("topk_ids")) {
      OutputTensors.addLongs(r, "topk_ids", new long[] {bl, tl, k}, topIds);
    }
    if (outputs.contains("topk_logits")) {
      OutputTensors.addFloats(r, "topk_logits", new long[] {bl, tl, k}, topLogits);
    }
    if (outputs.contains("gram")) {
      OutputTensors.addDoubles(r, "gram", new long[] {bl, tl, tl}, gram);
    }
    if (outputs.contains("reference_logits") && referenceLogits != null) {
      long kr = request.reference().k();
      OutputTensors.addFloats(r, "reference_logits", new long[] {bl, tl, kr}, referenceLogits);
    }
    if (outputs.contains("hidden_states") && hidden != null) {
      OutputTensors.addFloats(r, "hidden_states", new long[] {bl, tl, hiddenSize}, hidden);
    }
  }
}
