package io.acbench.inference.client;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Raw tensor encoding of the protocol page §1.11: row-major, little-endian, native element width;
 * BYTES elements as a 4-byte unsigned little-endian length followed by the bytes, concatenated.
 */
public final class Tensors {

  private Tensors() {}

  /** Bytes per element of a fixed-width protocol datatype; -1 for BYTES. */
  public static int elementSize(String datatype) {
    return switch (datatype) {
      case "BOOL", "INT8", "UINT8" -> 1;
      case "INT16", "UINT16", "FP16", "BF16" -> 2;
      case "INT32", "UINT32", "FP32" -> 4;
      case "INT64", "UINT64", "FP64" -> 8;
      case "BYTES" -> -1;
      default ->
          throw new IllegalArgumentException(
              "datatype must be a protocol datatype string (BOOL, INT8..INT64, UINT8..UINT64,"
                  + " FP16, BF16, FP32, FP64, BYTES), got '"
                  + datatype
                  + "'");
    };
  }

  /** Product of the dimensions; rejects negative (variable) dimensions. */
  public static long elementCount(long[] shape) {
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("shape dimensions must be >= 0, got " + d);
      }
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** BYTES elements in raw form: 4-byte LE length prefix, then the bytes, per element. */
  public static ByteString encodeBytes(List<byte[]> elements) {
    int size = 0;
    for (byte[] e : elements) {
      size = Math.addExact(size, 4 + e.length);
    }
    ByteBuffer buf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    for (byte[] e : elements) {
      buf.putInt(e.length).put(e);
    }
    return ByteString.copyFrom(buf.array());
  }

  /** UTF-8 strings as raw BYTES. */
  public static ByteString encodeStrings(List<String> elements) {
    List<byte[]> bytes = new ArrayList<>(elements.size());
    for (String s : elements) {
      bytes.add(s.getBytes(StandardCharsets.UTF_8));
    }
    return encodeBytes(bytes);
  }

  /** Splits raw BYTES into elements; rejects a truncated length or body. */
  public static List<byte[]> decodeBytes(ByteString raw) {
    ByteBuffer buf = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    List<byte[]> out = new ArrayList<>();
    while (buf.hasRemaining()) {
      if (buf.remaining() < 4) {
        throw new IllegalArgumentException(
            "BYTES tensor has an incomplete 4-byte length prefix at offset " + buf.position());
      }
      long len = Integer.toUnsignedLong(buf.getInt());
      if (len > buf.remaining()) {
        throw new IllegalArgumentException(
            "BYTES element at offset "
                + (buf.position() - 4)
                + " declares "
                + len
                + " bytes but only "
                + buf.remaining()
                + " remain");
      }
      byte[] e = new byte[(int) len];
      buf.get(e);
      out.add(e);
    }
    return out;
  }

  /** Raw BYTES as UTF-8 strings. */
  public static List<String> decodeStrings(ByteString raw) {
    List<byte[]> bytes = decodeBytes(raw);
    List<String> out = new ArrayList<>(bytes.size());
    for (byte[] b : bytes) {
      out.add(new String(b, StandardCharsets.UTF_8));
    }
    return out;
  }

  public static ByteString encodeFp32(float[] v) {
    ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(v);
    return ByteString.copyFrom(buf.array());
  }

  public static ByteString encodeInt32(int[] v) {
    ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.asIntBuffer().put(v);
    return ByteString.copyFrom(buf.array());
  }

  public static ByteString encodeInt64(long[] v) {
    ByteBuffer buf = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    buf.asLongBuffer().put(v);
    return ByteString.copyFrom(buf.array());
  }

  public static ByteString encodeBool(boolean... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) (v[i] ? 1 : 0);
    }
    return ByteString.copyFrom(b);
  }

  public static float[] decodeFp32(ByteString raw) {
    ByteBuffer buf = fixed(raw, 4, "FP32");
    float[] out = new float[raw.size() / 4];
    buf.asFloatBuffer().get(out);
    return out;
  }

  public static double[] decodeFp64(ByteString raw) {
    ByteBuffer buf = fixed(raw, 8, "FP64");
    double[] out = new double[raw.size() / 8];
    buf.asDoubleBuffer().get(out);
    return out;
  }

  public static int[] decodeInt32(ByteString raw) {
    ByteBuffer buf = fixed(raw, 4, "INT32");
    int[] out = new int[raw.size() / 4];
    buf.asIntBuffer().get(out);
    return out;
  }

  /** UINT32 widened to long so that values above 2^31 stay positive. */
  public static long[] decodeUint32(ByteString raw) {
    int[] v = decodeInt32(raw);
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Integer.toUnsignedLong(v[i]);
    }
    return out;
  }

  public static long[] decodeInt64(ByteString raw) {
    ByteBuffer buf = fixed(raw, 8, "INT64");
    long[] out = new long[raw.size() / 8];
    buf.asLongBuffer().get(out);
    return out;
  }

  public static boolean[] decodeBool(ByteString raw) {
    boolean[] out = new boolean[raw.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = raw.byteAt(i) != 0;
    }
    return out;
  }

  private static ByteBuffer fixed(ByteString raw, int width, String datatype) {
    if (raw.size() % width != 0) {
      throw new IllegalArgumentException(
          datatype + " tensor byte size " + raw.size() + " is not a multiple of " + width);
    }
    return raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }
}
