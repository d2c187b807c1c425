package io.acbench.runtime.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-written files, each breaking one rule of the format. */
class SafetensorsMalformedTest {

  @TempDir Path dir;

  @Test
  void fileShorterThanTheLengthPrefix() throws IOException {
    Path file = dir.resolve("short.safetensors");
    Files.write(file, new byte[] {1, 2, 3});
    rejected(file).hasMessageContaining("shorter than the 8-byte header length prefix");
  }

  @Test
  void headerLengthZero() throws IOException {
    rejected(raw("zero", 0, new byte[4])).hasMessageContaining("header length is 0");
  }

  @Test
  void headerLengthBeyondTheFile() throws IOException {
    rejected(raw("beyond", 64, "{}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("header length 64 runs beyond the end of the file");
  }

  @Test
  void headerLengthOverTheCap() throws IOException {
    rejected(raw("cap", 100_000_001L, new byte[8]))
        .hasMessageContaining("exceeds the cap of 100000000 bytes");
  }

  @Test
  void headerNotStartingWithBrace() throws IOException {
    rejected(file("brace", " {}", 0)).hasMessageContaining("does not start with '{'");
  }

  @Test
  void headerNotUtf8() throws IOException {
    byte[] bad = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
    rejected(raw("utf8", bad.length, bad)).hasMessageContaining("not valid UTF-8");
  }

  @Test
  void headerNotJson() throws IOException {
    rejected(file("json", "{\"a\": [1,}", 0)).hasMessageContaining("not a valid JSON object");
  }

  @Test
  void unknownDtype() throws IOException {
    rejected(file("dtype", entry("w", "F33", "[1]", "[0, 4]"), 4))
        .hasMessageContaining("tensor 'w'")
        .hasMessageContaining("unknown dtype 'F33'");
  }

  @Test
  void formatDtypeOutsideTheRuntimeIsUnsupportedByName() throws IOException {
    rejected(file("u16", entry("counts", "U16", "[2]", "[0, 4]"), 4))
        .hasMessageContaining("tensor 'counts'")
        .hasMessageContaining("dtype U16 is not supported");
    rejected(file("f64", entry("d", "F64", "[1]", "[0, 8]"), 8))
        .hasMessageContaining("dtype F64 is not supported");
  }

  @Test
  void shapeNotNonNegativeIntegers() throws IOException {
    rejected(file("neg", entry("w", "F32", "[-1]", "[0, 4]"), 4))
        .hasMessageContaining("tensor 'w'")
        .hasMessageContaining("shape must be a list of non-negative integers");
    rejected(file("frac", entry("v", "F32", "[1.5]", "[0, 4]"), 4))
        .hasMessageContaining("tensor 'v'")
        .hasMessageContaining("shape must be a list of non-negative integers");
    rejected(file("str", entry("s", "F32", "\"4\"", "[0, 4]"), 4))
        .hasMessageContaining("tensor 's'")
        .hasMessageContaining("shape must be a list");
  }

  @Test
  void dataOffsetsNotTwoOrderedIntegers() throws IOException {
    rejected(file("three", entry("w", "U8", "[1]", "[0, 1, 2]"), 1))
        .hasMessageContaining("tensor 'w'")
        .hasMessageContaining("data_offsets must be two non-negative integers");
    rejected(file("order", entry("w", "U8", "[0]", "[4, 2]"), 4))
        .hasMessageContaining("tensor 'w'")
        .hasMessageContaining("begin 4 is greater than end 2");
  }

  @Test
  void dataOffsetsEndBeyondTheBuffer() throws IOException {
    rejected(file("end", entry("w", "F32", "[4]", "[0, 16]"), 8))
        .hasMessageContaining("tensor 'w'")
        .hasMessageContaining("end 16 is beyond the byte buffer of 8 bytes");
  }

  @Test
  void shapeTimesDtypeSizeDiffersFromTheByteRange() throws IOException {
    rejected(file("size", entry("w", "BF16", "[3]", "[0, 8]"), 8))
        .hasMessageContaining("tensor 'w'")
        .hasMessageContaining("shape [3] × BF16 size does not match the data_offsets byte range");
  }

  @Test
  void overlappingTensors() throws IOException {
    String header =
        "{" + body("a", "U8", "[4]", "[0, 4]") + "," + body("b", "U8", "[4]", "[2, 6]") + "}";
    rejected(file("overlap", header, 6))
        .hasMessageContaining("tensor 'b'")
        .hasMessageContaining("overlap tensor 'a'");
  }

  @Test
  void holeBetweenTensors() throws IOException {
    String header =
        "{" + body("a", "U8", "[2]", "[0, 2]") + "," + body("b", "U8", "[2]", "[4, 6]") + "}";
    rejected(file("hole", header, 6))
        .hasMessageContaining("tensor 'b'")
        .hasMessageContaining("hole of 2 bytes");
  }

  @Test
  void bytesAfterTheLastTensor() throws IOException {
    rejected(file("tail", entry("w", "U8", "[2]", "[0, 2]"), 5))
        .hasMessageContaining("do not tile the byte buffer: they end at 2 but the buffer holds 5");
  }

  @Test
  void duplicateTensorName() throws IOException {
    String header =
        "{" + body("w", "U8", "[1]", "[0, 1]") + "," + body("w", "U8", "[1]", "[1, 2]") + "}";
    rejected(file("dup", header, 2))
        .hasMessageContaining("tensor 'w'")
        .hasMessageContaining("duplicate tensor name");
  }

  @Test
  void metadataValuesMustBeStrings() throws IOException {
    String header = "{\"__metadata__\": {\"format\": \"pt\", \"step\": 3}}";
    rejected(file("meta", header, 0))
        .hasMessageContaining("__metadata__ value of key 'step' is not a string");
  }

  @Test
  void wellFormedHandWrittenFileIsAccepted() throws IOException {
    String header =
        "{" + body("b", "U8", "[2]", "[4, 6]") + "," + body("a", "I16", "[2]", "[0, 4]") + "}";
    Path file = file("fine", header, new byte[] {1, 0, (byte) 0xFF, (byte) 0xFF, 9, 8});
    try (SafetensorsFile f = SafetensorsFile.open(file)) {
      assertThat(f.readInts("a")).containsExactly(1, -1);
      assertThat(f.readInts("b")).containsExactly(9, 8);
      assertThat(f.tensors()).extracting(TensorInfo::name).containsExactly("a", "b");
    }
  }

  private AbstractThrowableAssert<?, ? extends Throwable> rejected(Path file) {
    return assertThatThrownBy(() -> SafetensorsFile.open(file).close())
        .isInstanceOf(SafetensorsFormatException.class)
        .hasMessageContaining(file.getFileName().toString());
  }

  private static String entry(String name, String dtype, String shape, String offsets) {
    return "{" + body(name, dtype, shape, offsets) + "}";
  }

  private static String body(String name, String dtype, String shape, String offsets) {
    return "\"%s\": {\"dtype\": \"%s\", \"shape\": %s, \"data_offsets\": %s}"
        .formatted(name, dtype, shape, offsets);
  }

  /** A file with a correct length prefix, the given header, and {@code dataBytes} zero bytes. */
  private Path file(String name, String header, int dataBytes) throws IOException {
    return file(name, header, new byte[dataBytes]);
  }

  private Path file(String name, String header, byte[] data) throws IOException {
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    byte[] rest = new byte[json.length + data.length];
    System.arraycopy(json, 0, rest, 0, json.length);
    System.arraycopy(data, 0, rest, json.length, data.length);
    return raw(name, json.length, rest);
  }

  /** A file whose prefix claims {@code headerLength}, followed by {@code rest}. */
  private Path raw(String name, long headerLength, byte[] rest) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(8 + rest.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(headerLength).put(rest);
    Path file = dir.resolve(name + ".safetensors");
    Files.write(file, b.array());
    return file;
  }
}
