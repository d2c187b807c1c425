package io.acbench.inference.client;

import static io.acbench.inference.client.ProbeContract.*;

import java.util.ArrayList;
import java.util.List;

/** The decoded probe outputs, one {@link ProbeSequence} per input sequence, in input order. */
public record ProbeResult(String modelName, String modelVersion, List<ProbeSequence> sequences) {

  public ProbeResult {
    sequences = List.copyOf(sequences);
  }

  /** Splits the padded (B, T, ...) outputs into per-sequence arrays of their valid length. */
  static ProbeResult decode(InferResult r, int batch) {
    long[] n = r.require(NUM_TOKENS).asLongs();
    if (n.length != batch) {
      throw new IllegalStateException(
          "probe returned " + n.length + " num_tokens for " + batch + " sequences");
    }
    Padded lse = Padded.of(r.output(LOGSUMEXP).orElse(null), batch);
    Padded ids = Padded.of(r.output(TOPK_IDS).orElse(null), batch);
    Padded logits = Padded.of(r.output(TOPK_LOGITS).orElse(null), batch);
    Padded gram = Padded.of(r.output(GRAM).orElse(null), batch);
    Padded hidden = Padded.of(r.output(HIDDEN_STATES).orElse(null), batch);
    Padded reference = Padded.of(r.output(REFERENCE_LOGITS).orElse(null), batch);
    long[] idValues = ids == null ? null : ids.tensor.asLongs();
    float[] logitValues = logits == null ? null : logits.tensor.asFloats();
    float[] lseValues = lse == null ? null : lse.tensor.asFloats();
    double[] gramValues = gram == null ? null : gram.tensor.asDoubles();
    float[] hiddenValues = hidden == null ? null : hidden.tensor.asFloats();
    float[] referenceValues = reference == null ? null : reference.tensor.asFloats();
    List<ProbeSequence> out = new ArrayList<>(batch);
    for (int b = 0; b < batch; b++) {
      int len = Math.toIntExact(n[b]);
      out.add(
          new ProbeSequence(
              len,
              lse == null ? new float[0] : lse.row(lseValues, b, len),
              ids == null ? new long[len][0] : ids.matrix(idValues, b, len),
              logits == null ? new float[len][0] : logits.matrix(logitValues, b, len),
              gram == null ? null : gram.gram(gramValues, b, len),
              hidden == null ? null : hidden.matrix(hiddenValues, b, len),
              reference == null ? null : reference.matrix(referenceValues, b, len)));
    }
    return new ProbeResult(r.modelName(), r.modelVersion(), out);
  }

  /** A (B, T[, C]) tensor with its strides. */
  private record Padded(OutputTensor tensor, int t, int c) {

    static Padded of(OutputTensor tensor, int batch) {
      if (tensor == null) {
        return null;
      }
      long[] s = tensor.shape();
      if (s.length < 2 || s.length > 3 || s[0] != batch) {
        throw new IllegalStateException(
            "probe output '"
                + tensor.name()
                + "' must have shape [B, T] or [B, T, C] with B = "
                + batch
                + ", got "
                + java.util.Arrays.toString(s));
      }
      return new Padded(tensor, Math.toIntExact(s[1]), s.length == 3 ? Math.toIntExact(s[2]) : 1);
    }

    private void checkLength(int len) {
      if (len > t) {
        throw new IllegalStateException(
            "num_tokens "
                + len
                + " exceeds the padded length "
                + t
                + " of '"
                + tensor.name()
                + "'");
      }
    }

    float[] row(float[] v, int b, int len) {
      checkLength(len);
      float[] out = new float[len];
      System.arraycopy(v, b * t, out, 0, len);
      return out;
    }

    float[][] matrix(float[] v, int b, int len) {
      checkLength(len);
      float[][] out = new float[len][c];
      for (int i = 0; i < len; i++) {
        System.arraycopy(v, (b * t + i) * c, out[i], 0, c);
      }
      return out;
    }

    long[][] matrix(long[] v, int b, int len) {
      checkLength(len);
      long[][] out = new long[len][c];
      for (int i = 0; i < len; i++) {
        System.arraycopy(v, (b * t + i) * c, out[i], 0, c);
      }
      return out;
    }

    /** The N × N top-left block of sequence b's (T, T) Gram matrix. */
    double[][] gram(double[] v, int b, int len) {
      checkLength(len);
      double[][] out = new double[len][len];
      for (int i = 0; i < len; i++) {
        System.arraycopy(v, (b * t + i) * c, out[i], 0, len);
      }
      return out;
    }
  }
}
