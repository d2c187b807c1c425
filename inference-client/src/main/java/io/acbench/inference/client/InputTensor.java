package io.acbench.inference.client;

import com.google.protobuf.ByteString;
import io.acbench.contracts.grpc.inference.ModelInferRequest;
import java.util.List;
import java.util.Objects;

/**
 * One input tensor in raw form (protocol page §1.11): name, protocol datatype, concrete shape and
 * the little-endian bytes. The factories check that the data matches the shape.
 */
public record InputTensor(String name, String datatype, long[] shape, ByteString raw) {

  public InputTensor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(raw, "raw");
    shape = shape.clone();
    int width = Tensors.elementSize(datatype);
    long count = Tensors.elementCount(shape);
    if (width > 0 && raw.size() != count * width) {
      throw new IllegalArgumentException(
          "input '"
              + name
              + "' has "
              + raw.size()
              + " bytes but shape "
              + java.util.Arrays.toString(shape)
              + " of "
              + datatype
              + " needs "
              + count * width);
    }
    if (width < 0 && Tensors.decodeBytes(raw).size() != count) {
      throw new IllegalArgumentException(
          "input '"
              + name
              + "' holds "
              + Tensors.decodeBytes(raw).size()
              + " BYTES elements but shape "
              + java.util.Arrays.toString(shape)
              + " needs "
              + count);
    }
  }

  public static InputTensor strings(String name, long[] shape, List<String> values) {
    return new InputTensor(name, "BYTES", shape, Tensors.encodeStrings(values));
  }

  /** A BYTES tensor of shape [1] (the vLLM backend's scalar inputs). */
  public static InputTensor string(String name, String value) {
    return strings(name, new long[] {1}, List.of(value));
  }

  /** A BOOL tensor of shape [1]. */
  public static InputTensor bool(String name, boolean value) {
    return new InputTensor(name, "BOOL", new long[] {1}, Tensors.encodeBool(value));
  }

  public static InputTensor fp32(String name, long[] shape, float[] values) {
    return new InputTensor(name, "FP32", shape, Tensors.encodeFp32(values));
  }

  public static InputTensor int32(String name, long[] shape, int[] values) {
    return new InputTensor(name, "INT32", shape, Tensors.encodeInt32(values));
  }

  public static InputTensor int64(String name, long[] shape, long[] values) {
    return new InputTensor(name, "INT64", shape, Tensors.encodeInt64(values));
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** Adds this tensor's metadata and its raw slot to {@code request} (same order, §1.11 rule 2). */
  void addTo(ModelInferRequest.Builder request) {
    ModelInferRequest.InferInputTensor.Builder t =
        ModelInferRequest.InferInputTensor.newBuilder().setName(name).setDatatype(datatype);
    for (long d : shape) {
      t.addShape(d);
    }
    request.addInputs(t).addRawInputContents(raw);
  }
}
