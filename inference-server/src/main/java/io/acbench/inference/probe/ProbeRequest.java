package io.acbench.inference.probe;

import io.acbench.inference.tensor.InferenceException;
import io.acbench.inference.tensor.Tensor;
import io.acbench.runtime.tokenizer.Tokenizer;
import java.util.Map;
import java.util.Set;

/**
 * A parsed probe request.
 *
 * @param sequences the token ids of each sequence
 * @param reference the optional {@code reference_ids}; null when not given
 * @param outputs names of the outputs to return
 */
record ProbeRequest(
    int[][] sequences,
    int topK,
    boolean hiddenStates,
    ReferenceIds reference,
    Set<String> outputs) {

  /** Token ids from {@code text_input} or {@code input_ids}/{@code input_lengths}. */
  static int[][] sequences(
      Map<String, Tensor> in, Tokenizer tokenizer, String model, int vocab, int maxLength) {
    boolean text = in.containsKey("text_input");
    boolean ids = in.containsKey("input_ids");
    if (text == ids) {
      throw InferenceException.invalid(
          "model '" + model + "' needs exactly one of the inputs 'text_input' and 'input_ids'");
    }
    int[][] out;
    if (text) {
      var elements = in.get("text_input").elements();
      out = new int[elements.size()][];
      for (int b = 0; b < out.length; b++) {
        out[b] =
            tokenizer.encode(
                new String(elements.get(b), java.nio.charset.StandardCharsets.UTF_8), true);
      }
    } else {
      out = fromIds(in, model);
    }
    if (out.length == 0) {
      throw InferenceException.invalid("model '" + model + "' needs at least one sequence");
    }
    for (int b = 0; b < out.length; b++) {
      if (out[b].length == 0 || out[b].length > maxLength) {
        throw InferenceException.invalid(
            "sequence "
                + b
                + " for model '"
                + model
                + "' has "
                + out[b].length
                + " tokens; it must have 1 to "
                + maxLength);
      }
      for (int t : out[b]) {
        if (t < 0 || t >= vocab) {
          throw InferenceException.invalid(
              "sequence "
                  + b
                  + " for model '"
                  + model
                  + "' has token id "
                  + t
                  + " outside [0, "
                  + vocab
                  + ")");
        }
      }
    }
    return out;
  }

  private static int[][] fromIds(Map<String, Tensor> in, String model) {
    Tensor idsTensor = in.get("input_ids");
    int rows = (int) idsTensor.shape()[0];
    int cols = (int) idsTensor.shape()[1];
    long[] flat = idsTensor.longs();
    long[] lengths = new long[rows];
    java.util.Arrays.fill(lengths, cols);
    if (in.containsKey("input_lengths")) {
      Tensor l = in.get("input_lengths");
      if (l.shape()[0] != rows) {
        throw InferenceException.invalid(
            "unexpected shape for input 'input_lengths' for model '"
                + model
                + "'. Expected ["
                + rows
                + "], got "
                + l.shapeText());
      }
      lengths = l.longs();
    }
    int[][] out = new int[rows][];
    for (int b = 0; b < rows; b++) {
      if (lengths[b] < 0 || lengths[b] > cols) {
        throw InferenceException.invalid(
            "input_lengths["
                + b
                + "] for model '"
                + model
                + "' must be in [0, "
                + cols
                + "], got "
                + lengths[b]);
      }
      out[b] = new int[(int) lengths[b]];
      for (int t = 0; t < out[b].length; t++) {
        long v = flat[b * cols + t];
        out[b][t] = v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? -1 : (int) v;
      }
    }
    return out;
  }
}
