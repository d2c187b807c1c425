package io.acbench.runtime.safetensors;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A tensor that writes its own bytes, so a writer can stream a large checkpoint straight into the
 * file without holding it twice in memory.
 */
public interface TensorSource {

  /** Element type written. */
  DType dtype();

  /** Dimensions, row-major; empty for a 0-d tensor. */
  long[] shape();

  /**
   * Writes the tensor, little-endian and row-major, into {@code target}, whose size is exactly
   * {@link #byteSize()}. May be called from any thread, once.
   */
  void writeTo(MemorySegment target);

  /** Number of bytes {@link #writeTo} fills. */
  default long byteSize() {
    return TensorInfo.numel(shape()) * dtype().byteSize();
  }

  /**
   * A source whose bytes come from {@code filler}.
   *
   * @param filler writes exactly numel × dtype size bytes into the segment it is given
   */
  static TensorSource of(DType dtype, long[] shape, Consumer<MemorySegment> filler) {
    long[] dims = checkedShape(shape);
    return new TensorSource() {
      @Override
      public DType dtype() {
        return dtype;
      }

      @Override
      public long[] shape() {
        return dims.clone();
      }

      @Override
      public void writeTo(MemorySegment target) {
        filler.accept(target);
      }
    };
  }

  /** float32 values stored as F32, F16 (nearest even) or BF16 (nearest even). */
  static TensorSource ofFloats(float[] values, DType dtype, long... shape) {
    checkLength(values.length, shape);
    return switch (dtype) {
      case F32 ->
          of(
              dtype,
              shape,
              t -> MemorySegment.copy(values, 0, t, TensorDecoding.F32, 0, values.length));
      case F16 ->
          of(
              dtype,
              shape,
              t -> {
                for (int i = 0; i < values.length; i++) {
                  t.setAtIndex(TensorDecoding.I16, i, Float.floatToFloat16(values[i]));
                }
              });
      case BF16 ->
          of(
              dtype,
              shape,
              t -> {
                for (int i = 0; i < values.length; i++) {
                  t.setAtIndex(TensorDecoding.I16, i, FloatFormats.floatToBf16(values[i]));
                }
              });
      default ->
          throw new IllegalArgumentException(
              "float values can be stored as F32, F16 or BF16, not " + dtype);
    };
  }

  /** int32 values stored as I32. */
  static TensorSource ofInts(int[] values, long... shape) {
    checkLength(values.length, shape);
    return of(
        DType.I32,
        shape,
        t -> MemorySegment.copy(values, 0, t, TensorDecoding.I32, 0, values.length));
  }

  /** Raw little-endian bytes of the given dtype. */
  static TensorSource ofBytes(byte[] raw, DType dtype, long... shape) {
    long numel = TensorInfo.numel(checkedShape(shape));
    if (numel * dtype.byteSize() != raw.length) {
      throw new IllegalArgumentException(
          raw.length
              + " bytes do not match shape "
              + Arrays.toString(shape)
              + " × "
              + dtype
              + " ("
              + numel * dtype.byteSize()
              + " bytes)");
    }
    return of(
        dtype, shape, t -> MemorySegment.copy(raw, 0, t, ValueLayout.JAVA_BYTE, 0, raw.length));
  }

  private static void checkLength(int length, long[] shape) {
    long numel = TensorInfo.numel(checkedShape(shape));
    if (numel != length) {
      throw new IllegalArgumentException(
          length + " values do not match shape " + Arrays.toString(shape) + " (" + numel + ")");
    }
  }

  private static long[] checkedShape(long[] shape) {
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
    }
    if (TensorInfo.numel(shape) < 0) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " overflows a long");
    }
    return shape.clone();
  }
}
