package io.acbench.compressor.gptq;

import io.acbench.compressor.rtn.RtnParams;

/**
 * GPTQ heuristics (spec §2.3, §2.5, D3, D8).
 *
 * @param bits 2 to 8
 * @param sym symmetric grid
 * @param groupSize columns per group, {@code -1} for per channel
 * @param percdamp damping as a fraction of {@code mean(diag(H))}
 * @param blockSize B, columns per lazy-update block
 * @param actOrder process columns in descending {@code diag(H)} order (stable, D9)
 * @param staticGroups fit every group's grid before the loop on the unpermuted weight
 * @param legacyQuirks reference-parity quirks (D2): #293 and in-block group params read from W
 * @param maxDampRetries Cholesky retries at damp × 10 before the RTN fallback (D8)
 */
public record GptqParams(
    int bits,
    boolean sym,
    int groupSize,
    double percdamp,
    int blockSize,
    boolean actOrder,
    boolean staticGroups,
    boolean legacyQuirks,
    int maxDampRetries) {

  public GptqParams {
    new RtnParams(bits, sym, groupSize, legacyQuirks); // validates the shared fields
    if (blockSize <= 0 || percdamp < 0 || maxDampRetries < 0) {
      throw new IllegalArgumentException("blockSize > 0, percdamp ≥ 0, maxDampRetries ≥ 0");
    }
  }

  /** D3: 4 bits, g128, sym, percdamp 0.01, B 128, act-order with static groups, parity quirks. */
  public static GptqParams vllmDefaults() {
    return new GptqParams(4, true, 128, 0.01, 128, true, true, true, 3);
  }

  /** The grid parameters these settings imply. */
  public RtnParams grid() {
    return new RtnParams(bits, sym, groupSize, legacyQuirks);
  }

  public GptqParams withGroupSize(int gs) {
    return new GptqParams(
        bits, sym, gs, percdamp, blockSize, actOrder, staticGroups, legacyQuirks, maxDampRetries);
  }

  public GptqParams withActOrder(boolean act, boolean isStatic) {
    return new GptqParams(
        bits, sym, groupSize, percdamp, blockSize, act, isStatic, legacyQuirks, maxDampRetries);
  }

  public GptqParams withSym(boolean s) {
    return new GptqParams(
        bits,
        s,
        groupSize,
        percdamp,
        blockSize,
        actOrder,
        staticGroups,
        legacyQuirks,
        maxDampRetries);
  }

  public GptqParams withBlockSize(int b) {
    return new GptqParams(
        bits, sym, groupSize, percdamp, b, actOrder, staticGroups, legacyQuirks, maxDampRetries);
  }

  public GptqParams withLegacyQuirks(boolean q) {
    return new GptqParams(
        bits, sym, groupSize, percdamp, blockSize, actOrder, staticGroups, q, maxDampRetries);
  }
}
