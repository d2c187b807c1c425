package io.acbench.metrics.analysis;

import io.acbench.contracts.probe.ProbeResult;
import io.acbench.contracts.probe.ProbeSequence;
import java.util.Arrays;

/** Pairs the base's and a variant's probe outputs on the same inputs. */
final class ProbeAlignment {

  private ProbeAlignment() {}

  /** Both results must hold the same sequences of the same token ids, in the same order. */
  static void requireSameInputs(ProbeResult base, ProbeResult variant) {
    if (base.sequences().size() != variant.sequences().size()) {
      throw new IllegalArgumentException(
          "probe results differ in sequence count: base "
              + base.sequences().size()
              + ", variant "
              + variant.sequences().size());
    }
    for (int s = 0; s < base.sequences().size(); s++) {
      if (!Arrays.equals(
          base.sequences().get(s).tokenIds(), variant.sequences().get(s).tokenIds())) {
        throw new IllegalArgumentException(
            "sequences["
                + s
                + "].tokenIds differ: base and variant were not probed on the same inputs");
      }
    }
  }

  /**
   * The variant's logits at the base's top-k ids at position t: from the variant's reference logits
   * when they were probed against these ids, otherwise looked up in the variant's own top-K list.
   * Null when some id is in neither (the position is then skipped).
   */
  static double[] variantAtBaseTopK(ProbeSequence base, ProbeSequence variant, int t, int k) {
    int kb = base.topK();
    double[] out = new double[k];
    ProbeSequence.ReferenceLogits ref = variant.reference();
    int kv = variant.topK();
    for (int j = 0; j < k; j++) {
      int id = base.topIds()[t * kb + j];
      if (ref != null && j < kv && ref.ids()[t * kv + j] == id) {
        out[j] = ref.logits()[t * kv + j];
        continue;
      }
      int found = -1;
      for (int i = 0; i < kv && found < 0; i++) {
        found = variant.topIds()[t * kv + i] == id ? i : -1;
      }
      if (found < 0) {
        return null;
      }
      out[j] = variant.topLogits()[t * kv + found];
    }
    return out;
  }

  /** The base's k largest logits at position t, descending. */
  static double[] baseTopK(ProbeSequence base, int t, int k) {
    double[] out = new double[k];
    for (int j = 0; j < k; j++) {
      out[j] = base.topLogits()[t * base.topK() + j];
    }
    return out;
  }
}
