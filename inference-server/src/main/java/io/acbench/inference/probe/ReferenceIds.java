package io.acbench.inference.probe;

import io.acbench.inference.tensor.InferenceException;
import io.acbench.inference.tensor.Tensor;

/**
 * The optional {@code reference_ids} input (inference-server/README.md §2): for every sequence b
 * and position t a reference model's top-k ids, shape [B, T, k] aligned with the padded positions.
 * The probe answers {@code reference_logits} = this model's logits at those ids. Ids at positions
 * past a sequence's length are padding and ignored.
 *
 * @param k ids per position, in [1, {@value ProbeModel#MAX_TOP_K}]
 * @param width T of the input, at least the longest sequence
 * @param ids row-major (B, width, k)
 */
record ReferenceIds(int k, int width, long[] ids) {

  /** The reference id of sequence b, position t, rank j. */
  int id(int b, int t, int j) {
    return (int) ids[(b * width + t) * k + j];
  }

  /**
   * Checks the tensor against the parsed sequences; every id at a valid position must be in [0,
   * vocab).
   */
  static ReferenceIds parse(Tensor t, int[][] sequences, String model, int vocab) {
    long[] shape = t.shape();
    int longest = 0;
    for (int[] s : sequences) {
      longest = Math.max(longest, s.length);
    }
    if (shape.length != 3
        || shape[0] != sequences.length
        || shape[1] < longest
        || shape[2] < 1
        || shape[2] > ProbeModel.MAX_TOP_K) {
      throw InferenceException.invalid(
          "unexpected shape for input 'reference_ids' for model '"
              + model
              + "'. Expected ["
              + sequences.length
              + ", T >= "
              + longest
              + ", k in [1, "
              + ProbeModel.MAX_TOP_K
              + "]], got "
              + t.shapeText());
    }
    int k = (int) shape[2];
    int width = (int) shape[1];
    long[] ids = t.longs();
    for (int b = 0; b < sequences.length; b++) {
      for (int pos = 0; pos < sequences[b].length; pos++) {
        for (int j = 0; j < k; j++) {
          long id = ids[(b * width + pos) * k + j];
          if (id < 0 || id >= vocab) {
            throw InferenceException.invalid(
                "input 'reference_ids' for model '"
                    + model
                    + "' has id "
                    + id
                    + " at ["
                    + b
                    + ", "
                    + pos
                    + ", "
                    + j
                    + "] outside [0, "
                    + vocab
                    + ")");
          }
        }
      }
    }
    return new ReferenceIds(k, width, ids);
  }
}
