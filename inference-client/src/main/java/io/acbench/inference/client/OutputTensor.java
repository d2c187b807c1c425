package io.acbench.inference.client;

import com.google.protobuf.ByteString;
import io.acbench.contracts.grpc.inference.InferTensorContents;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * One decoded output tensor: name, datatype, shape and its raw little-endian bytes, with typed
 * views. Typed {@code contents} replies are converted to the raw form on arrival.
 */
public record OutputTensor(String name, String datatype, long[] shape, ByteString raw) {

  public OutputTensor {
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  public float[] asFloats() {
    requireType("FP32");
    return Tensors.decodeFp32(raw);
  }

  /** FP64 as is; FP32 widened. */
  public double[] asDoubles() {
    return switch (datatype) {
      case "FP64" -> Tensors.decodeFp64(raw);
      case "FP32" -> {
        float[] f = Tensors.decodeFp32(raw);
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
          d[i] = f[i];
        }
        yield d;
      }
      default -> throw wrongType("FP64 or FP32");
    };
  }

  public int[] asInts() {
    requireType("INT32");
    return Tensors.decodeInt32(raw);
  }

  /** INT64 as is; INT32 and UINT32 widened. */
  public long[] asLongs() {
    return switch (datatype) {
      case "INT64", "UINT64" -> Tensors.decodeInt64(raw);
      case "UINT32" -> Tensors.decodeUint32(raw);
      case "INT32" -> Arrays.stream(Tensors.decodeInt32(raw)).asLongStream().toArray();
      default -> throw wrongType("INT64, UINT64, UINT32 or INT32");
    };
  }

  public boolean[] asBools() {
    requireType("BOOL");
    return Tensors.decodeBool(raw);
  }

  public List<String> asStrings() {
    requireType("BYTES");
    return Tensors.decodeStrings(raw);
  }

  private void requireType(String expected) {
    if (!datatype.equals(expected)) {
      throw wrongType(expected);
    }
  }

  private IllegalStateException wrongType(String expected) {
    return new IllegalStateException(
        "output '" + name + "' has datatype " + datatype + ", expected " + expected);
  }

  /** Converts typed contents into the raw layout (only the fields Triton uses per datatype). */
  static ByteString rawFromContents(String datatype, InferTensorContents c) {
    return switch (datatype) {
      case "BYTES" ->
          Tensors.encodeBytes(
              c.getBytesContentsList().stream().map(ByteString::toByteArray).toList());
      case "BOOL" -> {
        boolean[] b = new boolean[c.getBoolContentsCount()];
        for (int i = 0; i < b.length; i++) {
          b[i] = c.getBoolContents(i);
        }
        yield Tensors.encodeBool(b);
      }
      case "INT32" ->
          Tensors.encodeInt32(
              c.getIntContentsList().stream().mapToInt(Integer::intValue).toArray());
      case "UINT32" ->
          Tensors.encodeInt32(
              c.getUintContentsList().stream().mapToInt(Integer::intValue).toArray());
      case "INT64" ->
          Tensors.encodeInt64(
              c.getInt64ContentsList().stream().mapToLong(Long::longValue).toArray());
      case "UINT64" ->
          Tensors.encodeInt64(
              c.getUint64ContentsList().stream().mapToLong(Long::longValue).toArray());
      case "FP32" -> {
        float[] f = new float[c.getFp32ContentsCount()];
        for (int i = 0; i < f.length; i++) {
          f[i] = c.getFp32Contents(i);
        }
        yield Tensors.encodeFp32(f);
      }
      case "FP64" -> {
        ByteBuffer buf =
            ByteBuffer.allocate(c.getFp64ContentsCount() * 8).order(ByteOrder.LITTLE_ENDIAN);
        c.getFp64ContentsList().forEach(buf::putDouble);
        yield ByteString.copyFrom(buf.array());
      }
      default ->
          throw new IllegalArgumentException(
              "typed contents are not defined for datatype " + datatype);
    };
  }
}
