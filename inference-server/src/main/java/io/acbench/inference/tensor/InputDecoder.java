package io.acbench.inference.tensor;

import com.google.protobuf.ByteString;
import io.acbench.contracts.grpc.inference.InferTensorContents;
import io.acbench.contracts.grpc.inference.ModelInferRequest;
import io.acbench.contracts.grpc.inference.ModelInferRequest.InferInputTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the inputs of a request from {@code raw_input_contents} or typed {@code contents}
 * (kserve-v2-protocol.md §1.11), checking byte sizes and the BYTES length prefixes.
 */
public final class InputDecoder {

  private InputDecoder() {}

  /** The request's inputs by name, in request order. */
  public static Map<String, Tensor> decode(ModelInferRequest request) {
    String model = request.getModelName();
    boolean raw = request.getRawInputContentsCount() > 0;
    if (raw && request.getRawInputContentsCount() != request.getInputsCount()) {
      throw InferenceException.invalid(
          "expected "
              + request.getInputsCount()
              + " raw input contents but got "
              + request.getRawInputContentsCount()
              + " for model '"
              + model
              + "'");
    }
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (int i = 0; i < request.getInputsCount(); i++) {
      InferInputTensor in = request.getInputs(i);
      for (long d : in.getShapeList()) {
        if (d < 0) {
          throw InferenceException.invalid(
              "All input dimensions should be specified for input '"
                  + in.getName()
                  + "' for model '"
                  + model
                  + "', got "
                  + in.getShapeList());
        }
      }
      if (raw && in.hasContents()) {
        throw InferenceException.invalid(
            "contents field must not be specified when using raw_input_contents for '"
                + in.getName()
                + "' for model '"
                + model
                + "'");
      }
      Tensor t = raw ? fromRaw(in, request.getRawInputContents(i), model) : fromContents(in, model);
      if (tensors.put(in.getName(), t) != null) {
        throw InferenceException.invalid(
            "input '" + in.getName() + "' is given more than once for model '" + model + "'");
      }
    }
    return tensors;
  }

  private static Tensor fromRaw(InferInputTensor in, ByteString raw, String model) {
    long[] shape = shape(in);
    String type = in.getDatatype();
    if ("BYTES".equals(type)) {
      return bytesTensor(in, shape, splitPrefixed(raw.toByteArray(), in.getName(), model), model);
    }
    return fixedTensor(in, shape, raw.toByteArray(), model);
  }

  private static Tensor fromContents(InferInputTensor in, String model) {
    if (!in.hasContents()) {
      throw InferenceException.invalid(
          "unable to find data for input tensor '" + in.getName() + "' for model '" + model + "'");
    }
    long[] shape = shape(in);
    InferTensorContents c = in.getContents();
    String type = in.getDatatype();
    if ("BYTES".equals(type)) {
      List<byte[]> elements = new ArrayList<>();
      for (ByteString b : c.getBytesContentsList()) {
        elements.add(b.toByteArray());
      }
      return bytesTensor(in, shape, elements, model);
    }
    int width = DataTypes.elementBytes(type);
    if (width < 0) {
      throw unknownType(in, model);
    }
    ByteBuffer buf = ByteBuffer.allocate(contentsCount(c) * width).order(ByteOrder.LITTLE_ENDIAN);
    switch (type) {
      case "BOOL" -> c.getBoolContentsList().forEach(v -> buf.put((byte) (v ? 1 : 0)));
      case "INT8" -> c.getIntContentsList().forEach(v -> buf.put(v.byteValue()));
      case "INT16" -> c.getIntContentsList().forEach(v -> buf.putShort(v.shortValue()));
      case "INT32" -> c.getIntContentsList().forEach(buf::putInt);
      case "INT64" -> c.getInt64ContentsList().forEach(buf::putLong);
      case "UINT8" -> c.getUintContentsList().forEach(v -> buf.put(v.byteValue()));
      case "UINT16" -> c.getUintContentsList().forEach(v -> buf.putShort(v.shortValue()));
      case "UINT32" -> c.getUintContentsList().forEach(buf::putInt);
      case "UINT64" -> c.getUint64ContentsList().forEach(buf::putLong);
      case "FP32" -> c.getFp32ContentsList().forEach(buf::putFloat);
      case "FP64" -> c.getFp64ContentsList().forEach(buf::putDouble);
      default ->
          throw InferenceException.invalid(
              "datatype "
                  + type
                  + " of input '"
                  + in.getName()
                  + "' travels only in raw_input_contents");
    }
    return fixedTensor(in, shape, buf.array(), model);
  }

  private static int contentsCount(InferTensorContents c) {
    return c.getBoolContentsCount()
        + c.getIntContentsCount()
        + c.getInt64ContentsCount()
        + c.getUintContentsCount()
        + c.getUint64ContentsCount()
        + c.getFp32ContentsCount()
        + c.getFp64ContentsCount();
  }

  private static Tensor fixedTensor(InferInputTensor in, long[] shape, byte[] data, String model) {
    int width = DataTypes.elementBytes(in.getDatatype());
    if (width < 0) {
      throw unknownType(in, model);
    }
    Tensor t = new Tensor(in.getName(), in.getDatatype(), shape, data, null);
    long expected = t.elementCount() * width;
    if (data.length != expected) {
      throw InferenceException.invalid(
          "input byte size mismatch for input '"
              + in.getName()
              + "' for model '"
              + model
              + "'. Expected "
              + expected
              + ", got "
              + data.length);
    }
    return t;
  }

  private static Tensor bytesTensor(
      InferInputTensor in, long[] shape, List<byte[]> elements, String model) {
    Tensor t = new Tensor(in.getName(), "BYTES", shape, null, List.copyOf(elements));
    if (elements.size() != t.elementCount()) {
      throw InferenceException.invalid(
          "unexpected number of string elements "
              + elements.size()
              + " for inference input '"
              + in.getName()
              + "' for model '"
              + model
              + "', expecting "
              + t.elementCount());
    }
    return t;
  }

  /** Splits raw BYTES data: 4-byte little-endian length, then that many bytes, repeated. */
  static List<byte[]> splitPrefixed(byte[] raw, String name, String model) {
    List<byte[]> out = new ArrayList<>();
    ByteBuffer buf = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    while (buf.hasRemaining()) {
      if (buf.remaining() < 4) {
        throw InferenceException.invalid(
            "incomplete string length indicator for inference input '"
                + name
                + "' for model '"
                + model
                + "'");
      }
      long len = buf.getInt() & 0xFFFFFFFFL;
      if (len > buf.remaining()) {
        throw InferenceException.invalid(
            "element byte size indicator exceeds the end of the buffer for inference input '"
                + name
                + "' for model '"
                + model
                + "'");
      }
      byte[] element = new byte[(int) len];
      buf.get(element);
      out.add(element);
    }
    return out;
  }

  private static long[] shape(InferInputTensor in) {
    return in.getShapeList().stream().mapToLong(Long::longValue).toArray();
  }

  private static InferenceException unknownType(InferInputTensor in, String model) {
    return InferenceException.invalid(
        "inference input '"
            + in.getName()
            + "' for model '"
            + model
            + "' has an invalid datatype '"
            + in.getDatatype()
            + "'");
  }
}
