package io.acbench.compressor.rtn;

/**
 * Parameters of the GPTQ-style min/max quantizer (spec §2.2) and of RTN (§2.6).
 *
 * @param bits 2 to 8
 * @param sym symmetric grid with the zero fixed at the midpoint {@code (maxq+1)/2}
 * @param groupSize columns per group along the input dimension; {@code -1} for one group per row
 *     (per channel). A group size that does not divide the width leaves a narrower last group.
 * @param legacyQuirks reproduce AutoGPTQ/AutoGPTQ#293 (a symmetric group with no negative value
 *     keeps {@code xmin = 0}); decision D2, true in reference-parity mode
 */
public record RtnParams(int bits, boolean sym, int groupSize, boolean legacyQuirks) {

  public RtnParams {
    if (bits < 2 || bits > 8) {
      throw new IllegalArgumentException("bits must be in 2..8, got " + bits);
    }
    if (groupSize == 0 || groupSize < -1) {
      throw new IllegalArgumentException("groupSize must be -1 or positive, got " + groupSize);
    }
  }

  /** ACBench's RTN (llmc W4A16): 4 bits, symmetric, group 128, reference-parity quirks. */
  public static RtnParams acbenchDefaults() {
    return new RtnParams(4, true, 128, true);
  }

  /** {@code 2^bits − 1}. */
  public int maxq() {
    return (1 << bits) - 1;
  }

  /** The group width used on a matrix with {@code cols} columns ({@code cols} when per channel). */
  public int effectiveGroupSize(int cols) {
    return groupSize == -1 ? Math.max(cols, 1) : groupSize;
  }
}
