package io.acbench.contracts.probe;

import java.nio.ByteBuffer;

/** Reads and validates one sequence record of a probe file. */
final class ProbeSequenceReader {

  private ProbeSequenceReader() {}

  static ProbeSequence read(ByteBuffer buf, int vocab, int k, boolean withReference, int s)
      throws ProbeFormatException {
    String at = "sequences[" + s + "]";
    int n = buf.getInt();
    long needed = (long) n * (8 + 8L * k + 4L * (n + 1) + (withReference ? 8L * k : 0));
    if (n < 1 || needed > buf.remaining()) {
      throw new ProbeFormatException(
          "probe file "
              + (n < 1
                  ? "invalid: " + at + ".N = " + n + " must be >= 1"
                  : "truncated: "
                      + at
                      + " needs "
                      + needed
                      + " bytes, "
                      + buf.remaining()
                      + " left"));
    }
    int[] tokenIds = ids(buf, n, vocab, at + ".tokenIds");
    float[] lse = floats(buf, n, at + ".logSumExp");
    int[] topIds = ids(buf, n * k, vocab, at + ".topIds");
    float[] topLogits = floats(buf, n * k, at + ".topLogits");
    for (int t = 0; t < n; t++) {
      for (int j = 1; j < k; j++) {
        if (topLogits[t * k + j] > topLogits[t * k + j - 1]) {
          throw new ProbeFormatException(
              "probe file invalid: "
                  + at
                  + ".topLogits at position "
                  + t
                  + " are not in descending order");
        }
      }
    }
    double[] gram = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double v = buf.getDouble();
        if (!Double.isFinite(v)) {
          throw new ProbeFormatException(
              "probe file invalid: " + at + ".gram[" + i + "][" + j + "] is not finite");
        }
        gram[i * n + j] = v;
        gram[j * n + i] = v;
      }
    }
    ProbeSequence.ReferenceLogits reference = null;
    if (withReference) {
      reference =
          new ProbeSequence.ReferenceLogits(
              ids(buf, n * k, vocab, at + ".reference.ids"),
              floats(buf, n * k, at + ".reference.logits"));
    }
    return new ProbeSequence(tokenIds, lse, topIds, topLogits, gram, reference);
  }

  private static int[] ids(ByteBuffer buf, int count, int vocab, String field)
      throws ProbeFormatException {
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = buf.getInt();
      if (out[i] < 0 || out[i] >= vocab) {
        throw new ProbeFormatException(
            "probe file invalid: "
                + field
                + "["
                + i
                + "] = "
                + out[i]
                + " is not in [0, "
                + vocab
                + ")");
      }
    }
    return out;
  }

  private static float[] floats(ByteBuffer buf, int count, String field)
      throws ProbeFormatException {
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      out[i] = buf.getFloat();
      if (!Float.isFinite(out[i])) {
        throw new ProbeFormatException(
            "probe file invalid: " + field + "[" + i + "] is not finite");
      }
    }
    return out;
  }
}
