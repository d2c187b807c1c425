package io.acbench.contracts.probe;

import java.util.List;

/**
 * Stored probe results of one variant on one probe set: what {@code acbench.probe.completed} points
 * at. Written by {@link ProbeFiles#write}, read by {@link ProbeFiles#read}.
 *
 * @param vocabSize V, the model's vocabulary size; every id is in [0, V)
 * @param topK k, the same for every sequence, in [1, {@value ProbeFormat#MAX_TOP_K}]
 * @param sequences the probed sequences, in probe-set order
 */
public record ProbeResult(int vocabSize, int topK, List<ProbeSequence> sequences) {

  public ProbeResult {
    if (vocabSize < 1) {
      throw new IllegalArgumentException("vocabSize must be >= 1, was " + vocabSize);
    }
    if (topK < 1 || topK > ProbeFormat.MAX_TOP_K || topK > vocabSize) {
      throw new IllegalArgumentException(
          "topK must be in [1, min(" + ProbeFormat.MAX_TOP_K + ", vocabSize)], was " + topK);
    }
    sequences = List.copyOf(sequences);
    boolean withReference = !sequences.isEmpty() && sequences.get(0).reference() != null;
    for (int s = 0; s < sequences.size(); s++) {
      ProbeSequence seq = sequences.get(s);
      if (seq.topK() != topK) {
        throw new IllegalArgumentException(
            "sequences[" + s + "].topK is " + seq.topK() + ", expected " + topK);
      }
      if ((seq.reference() != null) != withReference) {
        throw new IllegalArgumentException(
            "sequences[" + s + "].reference: either every sequence has one or none does");
      }
    }
  }

  /** Whether every sequence carries reference logits. */
  public boolean hasReference() {
    return !sequences.isEmpty() && sequences.get(0).reference() != null;
  }

  /** Total positions over all sequences. */
  public int positionCount() {
    return sequences.stream().mapToInt(ProbeSequence::length).sum();
  }
}
