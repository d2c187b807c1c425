package io.acbench.runtime.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;

/** Validation of one tensor entry of a safetensors header. */
final class TensorEntries {

  private TensorEntries() {}

  /**
   * Reads {@code {"dtype": ..., "shape": [...], "data_offsets": [begin, end]}}.
   *
   * @param bufferSize size of the byte buffer that follows the header
   */
  static TensorInfo read(Path file, String name, JsonNode entry, long bufferSize) {
    if (!entry.isObject()) {
      throw new SafetensorsFormatException(file, name, "entry is not a JSON object");
    }
    JsonNode dtypeNode = entry.get("dtype");
    if (dtypeNode == null || !dtypeNode.isTextual()) {
      throw new SafetensorsFormatException(file, name, "dtype is missing or not a string");
    }
    DType dtype = SafetensorsHeader.dtype(file, name, dtypeNode.textValue());
    long[] shape = nonNegativeLongs(entry.get("shape"));
    if (shape == null) {
      throw new SafetensorsFormatException(
          file, name, "shape must be a list of non-negative integers");
    }
    long[] offsets = nonNegativeLongs(entry.get("data_offsets"));
    if (offsets == null || offsets.length != 2) {
      throw new SafetensorsFormatException(
          file, name, "data_offsets must be two non-negative integers [begin, end]");
    }
    long begin = offsets[0];
    long end = offsets[1];
    if (begin > end) {
      throw new SafetensorsFormatException(
          file, name, "data_offsets begin " + begin + " is greater than end " + end);
    }
    if (end > bufferSize) {
      throw new SafetensorsFormatException(
          file,
          name,
          "data_offsets end " + end + " is beyond the byte buffer of " + bufferSize + " bytes");
    }
    long numel = TensorInfo.numel(shape);
    long expected =
        numel < 0 || numel > Long.MAX_VALUE / dtype.byteSize() ? -1 : numel * dtype.byteSize();
    if (expected != end - begin) {
      throw new SafetensorsFormatException(
          file,
          name,
          "shape "
              + Arrays.toString(shape)
              + " × "
              + dtype
              + " size does not match the data_offsets byte range of "
              + (end - begin)
              + " bytes");
    }
    return new TensorInfo(name, dtype, shape, begin, end);
  }

  /** The node as a list of non-negative integers, or null when it is anything else. */
  private static long[] nonNegativeLongs(JsonNode node) {
    if (node == null || !node.isArray()) {
      return null;
    }
    long[] values = new long[node.size()];
    for (int i = 0; i < values.length; i++) {
      JsonNode v = node.get(i);
      if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
        return null;
      }
      values[i] = v.longValue();
    }
    return values;
  }
}
