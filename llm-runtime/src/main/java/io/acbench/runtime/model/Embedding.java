package io.acbench.runtime.model;

import io.acbench.runtime.safetensors.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The token embedding table, (vocabSize, hiddenSize) row-major in F32, BF16 or F16, usually a
 * memory-mapped checkpoint tensor. Rows are converted to float32 on lookup.
 */
public final class Embedding {

  private static final ValueLayout.OfFloat F32 =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfShort I16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final MemorySegment table; // (vocabSize, hiddenSize) in dtype
  private final DType dtype;
  private final int vocabSize;
  private final int hiddenSize;

  /** A table stored in {@code table} as little-endian {@code dtype} (F32, BF16 or F16). */
  public Embedding(MemorySegment table, DType dtype, int vocabSize, int hiddenSize) {
    if (dtype != DType.F32 && dtype != DType.BF16 && dtype != DType.F16) {
      throw new IllegalArgumentException("embedding dtype must be F32, BF16 or F16, got " + dtype);
    }
    long expected = (long) vocabSize * hiddenSize * dtype.byteSize();
    if (table.byteSize() != expected) {
      throw new IllegalArgumentException(
          "embedding table has "
              + table.byteSize()
              + " bytes, expected "
              + expected
              + " for ("
              + vocabSize
              + ", "
              + hiddenSize
              + ") "
              + dtype);
    }
    this.table = table;
    this.dtype = dtype;
    this.vocabSize = vocabSize;
    this.hiddenSize = hiddenSize;
  }

  /** A float32 table held on the heap, (vocabSize, hiddenSize); the array is not copied. */
  public static Embedding ofFloats(float[] table, int vocabSize, int hiddenSize) {
    MemorySegment heap = MemorySegment.ofArray(table);
    if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
      throw new IllegalStateException("heap embeddings need a little-endian platform");
    }
    return new Embedding(heap, DType.F32, vocabSize, hiddenSize);
  }

  public int vocabSize() {
    return vocabSize;
  }

  public int hiddenSize() {
    return hiddenSize;
  }

  /** Writes row {@code token} as float32 into {@code out[offset, offset + hiddenSize)}. */
  public void lookup(int token, float[] out, int offset) {
    if (token < 0 || token >= vocabSize) {
      throw new IllegalArgumentException(
          "token id " + token + " is outside the vocabulary [0, " + vocabSize + ")");
    }
    long base = (long) token * hiddenSize * dtype.byteSize();
    switch (dtype) {
      case F32 -> {
        for (int i = 0; i < hiddenSize; i++) {
          out[offset + i] = table.get(F32, base + 4L * i);
        }
      }
      case BF16 -> {
        for (int i = 0; i < hiddenSize; i++) {
          out[offset + i] = Float.intBitsToFloat(table.get(I16, base + 2L * i) << 16);
        }
      }
      case F16 -> {
        for (int i = 0; i < hiddenSize; i++) {
          out[offset + i] = Float.float16ToFloat(table.get(I16, base + 2L * i));
        }
      }
      default -> throw new IllegalStateException("unreachable dtype " + dtype);
    }
  }
}
