package io.acbench.compressor.calibration;

import io.acbench.runtime.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.Random;

/**
 * Cuts calibration windows as the reference's wikitext2 loader does (spec §1.1, IST-DASLab/gptq
 * {@code get_wikitext2}): all documents joined with {@code "\n\n"} and tokenized once without
 * special tokens; then {@code nsamples} windows {@code [i, i + seqLen)} with {@code i} drawn
 * uniformly from {@code [0, len − seqLen − 1]}.
 *
 * <p>Deviation: the draws come from {@code java.util.Random(seed)}, not Python's {@code random}, so
 * the windows differ from the reference's for the same seed; they are deterministic for a seed.
 * Windows may overlap, as in the reference.
 */
public final class CalibrationSampler {

  private CalibrationSampler() {}

  /**
   * @throws IllegalArgumentException when the text has fewer than {@code seqLen + 1} tokens
   */
  public static CalibrationSet sample(
      CalibrationSource source, Tokenizer tokenizer, int nsamples, int seqLen, long seed) {
    if (nsamples < 1) {
      throw new IllegalArgumentException("nsamples must be at least 1, got " + nsamples);
    }
    if (seqLen < 1) {
      throw new IllegalArgumentException("seqlen must be at least 1, got " + seqLen);
    }
    int[] stream = tokenizer.encode(String.join("\n\n", source.documents()), false);
    if (stream.length < seqLen + 1) {
      throw new IllegalArgumentException(
          "calibration text ("
              + source.description()
              + ") has "
              + stream.length
              + " tokens; seqlen "
              + seqLen
              + " needs at least "
              + (seqLen + 1));
    }
    Random random = new Random(seed);
    int[][] samples = new int[nsamples][];
    for (int s = 0; s < nsamples; s++) {
      int start = random.nextInt(stream.length - seqLen);
      samples[s] = Arrays.copyOfRange(stream, start, start + seqLen);
    }
    return new CalibrationSet(samples, source.description(), stream.length);
  }
}
