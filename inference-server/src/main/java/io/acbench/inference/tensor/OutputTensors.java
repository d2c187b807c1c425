package io.acbench.inference.tensor;

import com.google.protobuf.ByteString;
import io.acbench.contracts.grpc.inference.ModelInferResponse;
import io.acbench.contracts.grpc.inference.ModelInferResponse.InferOutputTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Appends outputs to a response, always as {@code raw_output_contents} (§1.11 rule 3). */
public final class OutputTensors {

  private OutputTensors() {}

  public static void addStrings(
      ModelInferResponse.Builder r, String name, long[] shape, List<String> values) {
    int size = 0;
    byte[][] bytes = new byte[values.size()][];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = values.get(i).getBytes(StandardCharsets.UTF_8);
      size += 4 + bytes[i].length;
    }
    ByteBuffer buf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    for (byte[] b : bytes) {
      buf.putInt(b.length).put(b);
    }
    add(r, name, "BYTES", shape, buf.array());
  }

  public static void addFloats(ModelInferResponse.Builder r, String name, long[] shape, float[] v) {
    ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(v);
    add(r, name, "FP32", shape, buf.array());
  }

  public static void addDoubles(
      ModelInferResponse.Builder r, String name, long[] shape, double[] v) {
    ByteBuffer buf = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    buf.asDoubleBuffer().put(v);
    add(r, name, "FP64", shape, buf.array());
  }

  public static void addLongs(ModelInferResponse.Builder r, String name, long[] shape, long[] v) {
    ByteBuffer buf = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    buf.asLongBuffer().put(v);
    add(r, name, "INT64", shape, buf.array());
  }

  /** UINT32 values (given as ints, read unsigned). */
  public static void addUints(ModelInferResponse.Builder r, String name, long[] shape, int[] v) {
    ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.asIntBuffer().put(v);
    add(r, name, "UINT32", shape, buf.array());
  }

  private static void add(
      ModelInferResponse.Builder r, String name, String type, long[] shape, byte[] raw) {
    InferOutputTensor.Builder t = InferOutputTensor.newBuilder().setName(name).setDatatype(type);
    for (long d : shape) {
      t.addShape(d);
    }
    r.addOutputs(t).addRawOutputContents(ByteString.copyFrom(raw));
  }
}
