package io.acbench.runtime.weights;

import io.acbench.runtime.kernels.ParallelFor;
import io.acbench.runtime.kernels.VectorKernels;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A dense weight, row-major (out, in) as Hugging Face stores {@code .weight}, read in place from a
 * little-endian segment (typically memory-mapped, possibly unaligned).
 *
 * <p>Batch 1 runs a fused widen-and-dot per row. A larger batch goes through the input in chunks of
 * {@link WeightChecks#K_CHUNK} columns, small enough that every batch row's slice stays in L1: each
 * weight row chunk is widened once into a float buffer and dotted with every batch row, so the
 * weight crosses the memory bus once per call.
 */
public abstract sealed class DenseSegmentWeight implements PooledLinearWeight
    permits F32Weight, Bf16Weight, F16Weight {

  /** Output rows per parallel chunk boundary (keeps chunks off shared cache lines of out). */
  private static final int ROW_GRAIN = 16;

  private final String name;
  private final int outFeatures;
  private final int inFeatures;
  private final MemorySegment data; // (outFeatures, inFeatures) elements of elementBytes
  private final long rowBytes;
  private final int elementBytes;

  DenseSegmentWeight(
      String name, int outFeatures, int inFeatures, MemorySegment data, int elementBytes) {
    WeightChecks.positive(name, "outFeatures", outFeatures);
    WeightChecks.positive(name, "inFeatures", inFeatures);
    long expected = (long) outFeatures * inFeatures * elementBytes;
    if (data.byteSize() != expected) {
      throw new IllegalArgumentException(
          name
              + ": segment has "
              + data.byteSize()
              + " bytes, shape ("
              + outFeatures
              + ", "
              + inFeatures
              + ") × "
              + elementBytes
              + " bytes needs "
              + expected);
    }
    this.name = name;
    this.outFeatures = outFeatures;
    this.inFeatures = inFeatures;
    this.data = data;
    this.rowBytes = (long) inFeatures * elementBytes;
    this.elementBytes = elementBytes;
  }

  /** Vector dot of the row at byte offset {@code off} with {@code x[xOff..xOff+in)}. */
  abstract float dotRow(MemorySegment data, long off, float[] x, int xOff, int n);

  /** Vector widening of the row at byte offset {@code off} into {@code dst[0..in)}. */
  abstract void decodeRow(MemorySegment data, long off, float[] dst, int n);

  /** Tensor name, used in error messages. */
  public String name() {
    return name;
  }

  @Override
  public int inFeatures() {
    return inFeatures;
  }

  @Override
  public int outFeatures() {
    return outFeatures;
  }

  @Override
  public long storageBytes() {
    return data.byteSize();
  }

  @Override
  public void matmul(float[] x, int batch, float[] out, ParallelFor pool) {
    WeightChecks.matmulArgs(name, inFeatures, outFeatures, x, batch, out);
    long macs = (long) batch * outFeatures * inFeatures;
    WeightChecks.forRange(
        pool,
        macs,
        outFeatures,
        ROW_GRAIN,
        (o0, o1) -> {
          if (batch == 1) {
            for (int o = o0; o < o1; o++) {
              out[o] = dotRow(data, o * rowBytes, x, 0, inFeatures);
            }
            return;
          }
          float[] chunk = new float[WeightChecks.K_CHUNK]; // one widened row chunk
          float[] partial = new float[batch]; // (batch) dots of that chunk
          for (int b = 0; b < batch; b++) {
            Arrays.fill(out, b * outFeatures + o0, b * outFeatures + o1, 0f);
          }
          for (int kc = 0; kc < inFeatures; kc += WeightChecks.K_CHUNK) {
            int len = Math.min(WeightChecks.K_CHUNK, inFeatures - kc);
            for (int o = o0; o < o1; o++) {
              decodeRow(data, o * rowBytes + (long) kc * elementBytes, chunk, len);
              VectorKernels.dotRows(chunk, 0, len, x, kc, inFeatures, batch, partial, 0, 1);
              for (int b = 0; b < batch; b++) {
                out[b * outFeatures + o] += partial[b];
              }
            }
          }
        });
  }

  @Override
  public float[] dequantize() {
    float[] dense = new float[outFeatures * inFeatures]; // (outFeatures, inFeatures)
    float[] row = new float[inFeatures];
    for (int o = 0; o < outFeatures; o++) {
      decodeRow(data, o * rowBytes, row, inFeatures);
      System.arraycopy(row, 0, dense, o * inFeatures, inFeatures);
    }
    return dense;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + name + ", " + outFeatures + "×" + inFeatures + "]";
  }
}
