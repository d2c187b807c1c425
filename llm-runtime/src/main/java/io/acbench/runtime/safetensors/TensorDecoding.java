package io.acbench.runtime.safetensors;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** Little-endian decoding of a tensor's bytes into Java arrays. */
final class TensorDecoding {

  static final ValueLayout.OfFloat F32 =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfShort I16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfInt I32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfLong I64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /** Largest array the JVM reliably allocates. */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private TensorDecoding() {}

  static float[] toFloats(Path file, TensorInfo info, MemorySegment bytes) {
    int n = arrayLength(file, info);
    float[] out = new float[n];
    switch (info.dtype()) {
      case F32 -> MemorySegment.copy(bytes, F32, 0, out, 0, n);
      case F16 -> {
        for (int i = 0; i < n; i++) {
          out[i] = Float.float16ToFloat(bytes.getAtIndex(I16, i));
        }
      }
      case BF16 -> {
        for (int i = 0; i < n; i++) {
          out[i] = FloatFormats.bf16ToFloat(bytes.getAtIndex(I16, i));
        }
      }
      default ->
          throw new IllegalArgumentException(
              file
                  + ": tensor '"
                  + info.name()
                  + "' has dtype "
                  + info.dtype()
                  + "; readFloats converts F32, F16 or BF16");
    }
    return out;
  }

  static int[] toInts(Path file, TensorInfo info, MemorySegment bytes) {
    int n = arrayLength(file, info);
    int[] out = new int[n];
    switch (info.dtype()) {
      case I32 -> MemorySegment.copy(bytes, I32, 0, out, 0, n);
      case I64 -> {
        for (int i = 0; i < n; i++) {
          long v = bytes.getAtIndex(I64, i);
          if (v != (int) v) {
            throw new ArithmeticException(
                file
                    + ": tensor '"
                    + info.name()
                    + "' value "
                    + v
                    + " at "
                    + i
                    + " does not fit in int32");
          }
          out[i] = (int) v;
        }
      }
      case I16 -> {
        for (int i = 0; i < n; i++) {
          out[i] = bytes.getAtIndex(I16, i);
        }
      }
      case I8 -> {
        for (int i = 0; i < n; i++) {
          out[i] = bytes.get(ValueLayout.JAVA_BYTE, i);
        }
      }
      case U8, BOOL -> {
        for (int i = 0; i < n; i++) {
          out[i] = bytes.get(ValueLayout.JAVA_BYTE, i) & 0xFF;
        }
      }
      default ->
          throw new IllegalArgumentException(
              file
                  + ": tensor '"
                  + info.name()
                  + "' has dtype "
                  + info.dtype()
                  + "; readInts converts I64, I32, I16, I8, U8 or BOOL");
    }
    return out;
  }

  private static int arrayLength(Path file, TensorInfo info) {
    long numel = info.numel();
    if (numel > MAX_ARRAY) {
      throw new IllegalArgumentException(
          file
              + ": tensor '"
              + info.name()
              + "' has "
              + numel
              + " elements, more than one Java array holds; use segment()");
    }
    return (int) numel;
  }
}
