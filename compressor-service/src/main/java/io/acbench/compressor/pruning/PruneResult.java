package io.acbench.compressor.pruning;

/**
 * A pruned weight.
 *
 * @param weight {@code (R, C)} the new weight: zeros where pruned, and for SparseGPT the updated
 *     kept weights
 * @param pruned {@code (R, C)} true where the mask removed the weight
 */
public record PruneResult(float[] weight, boolean[] pruned) {

  public long prunedCount() {
    long n = 0;
    for (boolean b : pruned) {
      if (b) {
        n++;
      }
    }
    return n;
  }
}
