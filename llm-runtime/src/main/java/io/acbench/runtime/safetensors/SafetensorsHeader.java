package io.acbench.runtime.safetensors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validated header of one safetensors file: {@code [u64 N][N bytes JSON][byte buffer]}.
 *
 * @param tensors entries keyed by name, in byte-buffer order
 * @param metadata the {@code __metadata__} string map (empty when absent)
 * @param dataStart file offset of the byte buffer: 8 + N
 */
record SafetensorsHeader(
    Map<String, TensorInfo> tensors, Map<String, String> metadata, long dataStart) {

  /** The format's cap on the header length, as in the reference implementation. */
  static final long MAX_HEADER_BYTES = 100_000_000L;

  static final String METADATA_KEY = "__metadata__";

  /** Dtype strings the format defines but this runtime does not decode. */
  private static final Set<String> UNSUPPORTED_DTYPES =
      Set.of(
          "U16",
          "U32",
          "U64",
          "F64",
          "C64",
          "F8_E5M2",
          "F8_E4M3",
          "F8_E8M0",
          "F8_E4M3FNUZ",
          "F8_E5M2FNUZ",
          "F4",
          "F6_E2M3",
          "F6_E3M2");

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads and validates the header of a whole mapped file.
   *
   * @throws SafetensorsFormatException naming the file, the tensor and the rule broken
   */
  static SafetensorsHeader parse(Path file, MemorySegment whole) {
    long size = whole.byteSize();
    if (size < 8) {
      throw new SafetensorsFormatException(
          file, "file is " + size + " bytes, shorter than the 8-byte header length prefix");
    }
    long n = whole.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
    if (n == 0) {
      throw new SafetensorsFormatException(file, "header length is 0");
    }
    if (Long.compareUnsigned(n, MAX_HEADER_BYTES) > 0) {
      throw new SafetensorsFormatException(
          file,
          "header length "
              + Long.toUnsignedString(n)
              + " exceeds the cap of "
              + MAX_HEADER_BYTES
              + " bytes");
    }
    if (n > size - 8) {
      throw new SafetensorsFormatException(
          file, "header length " + n + " runs beyond the end of the file of " + size + " bytes");
    }
    String text = decodeUtf8(file, whole.asSlice(8, n).toArray(ValueLayout.JAVA_BYTE));
    if (text.charAt(0) != '{') {
      throw new SafetensorsFormatException(file, "header does not start with '{'");
    }
    long dataStart = 8 + n;
    SafetensorsHeader header = readJson(file, text, size - dataStart, dataStart);
    checkTiling(file, header.tensors.values(), size - dataStart);
    return header;
  }

  private static String decodeUtf8(Path file, byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new SafetensorsFormatException(file, "header is not valid UTF-8", e);
    }
  }

  private static SafetensorsHeader readJson(
      Path file, String text, long bufferSize, long dataStart) {
    Map<String, TensorInfo> tensors = new LinkedHashMap<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    boolean sawMetadata = false;
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new SafetensorsFormatException(file, "header is not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        JsonNode value = parser.readValueAsTree();
        if (name.equals(METADATA_KEY)) {
          if (sawMetadata) {
            throw new SafetensorsFormatException(file, "duplicate " + METADATA_KEY + " entry");
          }
          sawMetadata = true;
          readMetadata(file, value, metadata);
        } else if (tensors.containsKey(name)) {
          throw new SafetensorsFormatException(file, name, "duplicate tensor name");
        } else {
          tensors.put(name, TensorEntries.read(file, name, value, bufferSize));
        }
      }
      if (parser.nextToken() != null) {
        throw new SafetensorsFormatException(file, "header has content after the JSON object");
      }
    } catch (IOException e) {
      throw new SafetensorsFormatException(
          file,
          "header is not a valid JSON object: "
              + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()),
          e);
    }
    return new SafetensorsHeader(inBufferOrder(tensors), metadata, dataStart);
  }

  private static void readMetadata(Path file, JsonNode value, Map<String, String> metadata) {
    if (!value.isObject()) {
      throw new SafetensorsFormatException(file, METADATA_KEY + " is not a JSON object");
    }
    for (Map.Entry<String, JsonNode> e : value.properties()) {
      if (!e.getValue().isTextual()) {
        throw new SafetensorsFormatException(
            file, METADATA_KEY + " value of key '" + e.getKey() + "' is not a string");
      }
      metadata.put(e.getKey(), e.getValue().textValue());
    }
  }

  /** Parses a dtype string, telling unknown strings from format dtypes this runtime lacks. */
  static DType dtype(Path file, String tensor, String text) {
    for (DType d : DType.values()) {
      if (d.name().equals(text)) {
        return d;
      }
    }
    if (UNSUPPORTED_DTYPES.contains(text)) {
      throw new SafetensorsFormatException(
          file,
          tensor,
          "dtype "
              + text
              + " is not supported (supported: F32, F16, BF16, I64, I32,"
              + " I16, I8, U8, BOOL)");
    }
    throw new SafetensorsFormatException(file, tensor, "unknown dtype '" + text + "'");
  }

  private static Map<String, TensorInfo> inBufferOrder(Map<String, TensorInfo> tensors) {
    List<TensorInfo> sorted = new ArrayList<>(tensors.values());
    sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
    Map<String, TensorInfo> ordered = new LinkedHashMap<>();
    sorted.forEach(t -> ordered.put(t.name(), t));
    return ordered;
  }

  /** The tensors, in buffer order, must cover [0, bufferSize) exactly once. */
  private static void checkTiling(Path file, Iterable<TensorInfo> inBufferOrder, long bufferSize) {
    long cursor = 0;
    String previous = null;
    for (TensorInfo t : inBufferOrder) {
      if (t.begin() < cursor) {
        throw new SafetensorsFormatException(
            file, t.name(), "data_offsets overlap tensor '" + previous + "'");
      }
      if (t.begin() > cursor) {
        throw new SafetensorsFormatException(
            file,
            t.name(),
            "hole of "
                + (t.begin() - cursor)
                + " bytes before the tensor: tensors must tile the byte buffer");
      }
      cursor = t.end();
      previous = t.name();
    }
    if (cursor != bufferSize) {
      throw new SafetensorsFormatException(
          file,
          "tensors do not tile the byte buffer: they end at "
              + cursor
              + " but the buffer holds "
              + bufferSize
              + " bytes");
    }
  }
}
