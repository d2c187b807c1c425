package io.acbench.inference.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One decoded input tensor: fixed-width data as little-endian bytes, BYTES data as its elements.
 *
 * @param data row-major little-endian element bytes; null for BYTES
 * @param elements the BYTES elements; null for fixed-width types
 */
public record Tensor(
    String name, String datatype, long[] shape, byte[] data, List<byte[]> elements) {

  /** Elements the shape holds. */
  public long elementCount() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  public String shapeText() {
    return Arrays.toString(shape);
  }

  /** The first element of a BOOL tensor. */
  public boolean firstBool() {
    return data.length > 0 && data[0] != 0;
  }

  /** The first element of a BYTES tensor as UTF-8 text. */
  public String firstString() {
    return new String(elements.getFirst(), StandardCharsets.UTF_8);
  }

  /** Every element of an integer tensor (INT8…INT64, UINT8…UINT32) widened to long. */
  public long[] longs() {
    int width = DataTypes.elementBytes(datatype);
    ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    long[] out = new long[data.length / width];
    boolean unsigned = datatype.startsWith("U");
    for (int i = 0; i < out.length; i++) {
      out[i] =
          switch (width) {
            case 1 -> unsigned ? buf.get() & 0xFF : buf.get();
            case 2 -> unsigned ? buf.getShort() & 0xFFFF : buf.getShort();
            case 4 -> unsigned ? buf.getInt() & 0xFFFFFFFFL : buf.getInt();
            default -> buf.getLong();
          };
    }
    return out;
  }
}
