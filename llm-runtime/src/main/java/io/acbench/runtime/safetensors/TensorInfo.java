package io.acbench.runtime.safetensors;

import java.util.Arrays;

/**
 * One entry of a safetensors header.
 *
 * @param name tensor name
 * @param dtype element type
 * @param shape dimensions, row-major; empty for a 0-d (scalar) tensor
 * @param begin first byte, relative to the start of the byte buffer
 * @param end one past the last byte, relative to the start of the byte buffer
 */
public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {

  public TensorInfo {
    shape = shape.clone();
  }

  /** Number of elements: the product of the shape (1 for a 0-d tensor). */
  public long numel() {
    return numel(shape);
  }

  /** Size in bytes of the tensor's data. */
  public long byteSize() {
    return end - begin;
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /**
   * Product of the dimensions, or -1 when it overflows a long.
   *
   * @param shape non-negative dimensions
   */
  public static long numel(long[] shape) {
    for (long d : shape) {
      if (d == 0) {
        return 0;
      }
    }
    long n = 1;
    for (long d : shape) {
      if (n > Long.MAX_VALUE / d) {
        return -1;
      }
      n *= d;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorInfo t
        && name.equals(t.name)
        && dtype == t.dtype
        && Arrays.equals(shape, t.shape)
        && begin == t.begin
        && end == t.end;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + " " + dtype + Arrays.toString(shape) + " [" + begin + ", " + end + ")";
  }
}
