package io.acbench.runtime.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsRoundTripTest {

  @TempDir Path dir;

  @Test
  void everyDtypeRoundTripsIncludingScalarAndEmptyTensors() throws IOException {
    float[] exact = {0f, 1f, -2.5f, 0.375f, 1024f, -0.0078125f};
    Path file = dir.resolve("all.safetensors");
    new SafetensorsWriter()
        .addFloats("f32", DType.F32, new float[] {1.1f, -3.3e-7f, Float.MAX_VALUE, 7f}, 2, 2)
        .addFloats("f16", DType.F16, exact, 3, 2)
        .addFloats("bf16", DType.BF16, exact, 6)
        .addInts("i32", new int[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}, 4)
        .addBytes("i64", DType.I64, le64(-5L, 1L << 30), 2)
        .addBytes("i16", DType.I16, new byte[] {(byte) 0xFE, (byte) 0xFF, 0x34, 0x12}, 2)
        .addBytes("i8", DType.I8, new byte[] {(byte) 0x80, 0x7F, 0}, 3)
        .addBytes("u8", DType.U8, new byte[] {(byte) 0xFF, 1}, 1, 2)
        .addBytes("bool", DType.BOOL, new byte[] {1, 0, 1}, 3)
        .addFloats("scalar", DType.F32, new float[] {42f})
        .addFloats("empty", DType.BF16, new float[0], 0, 5)
        .write(file);

    try (SafetensorsFile f = SafetensorsFile.open(file)) {
      assertThat(f.names())
          .containsExactlyInAnyOrder(
              "f32", "f16", "bf16", "i32", "i64", "i16", "i8", "u8", "bool", "scalar", "empty");
      assertThat(f.readFloats("f32")).containsExactly(1.1f, -3.3e-7f, Float.MAX_VALUE, 7f);
      assertThat(f.shape("f32")).containsExactly(2, 2);
      assertThat(f.readFloats("f16")).containsExactly(exact);
      assertThat(f.dtype("f16")).isEqualTo(DType.F16);
      assertThat(f.readFloats("bf16")).containsExactly(exact);
      assertThat(f.readInts("i32")).containsExactly(Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE);
      assertThat(f.readInts("i64")).containsExactly(-5, (1 << 30));
      assertThat(f.readInts("i16")).containsExactly(-2, 0x1234);
      assertThat(f.readInts("i8")).containsExactly(-128, 127, 0);
      assertThat(f.readInts("u8")).containsExactly(255, 1);
      assertThat(f.shape("u8")).containsExactly(1, 2);
      assertThat(f.readInts("bool")).containsExactly(1, 0, 1);
      assertThat(f.shape("scalar")).isEmpty();
      assertThat(f.readFloats("scalar")).containsExactly(42f);
      assertThat(f.shape("empty")).containsExactly(0, 5);
      assertThat(f.readFloats("empty")).isEmpty();
      assertThat(f.segment("empty").byteSize()).isZero();
      assertThat(f.metadata()).containsEntry("format", "pt");
    }
  }

  @Test
  void bf16RoundsToNearestEven() {
    float ulp = 0x1p-7f; // bf16 spacing just above 1.0
    assertThat(FloatFormats.bf16ToFloat(FloatFormats.floatToBf16(1f + ulp / 2))).isEqualTo(1f);
    assertThat(FloatFormats.bf16ToFloat(FloatFormats.floatToBf16(1f + 3 * ulp / 2)))
        .isEqualTo(1f + 2 * ulp);
    assertThat(FloatFormats.bf16ToFloat(FloatFormats.floatToBf16(1f + ulp / 2 + 0x1p-20f)))
        .isEqualTo(1f + ulp);
    assertThat(FloatFormats.floatToBf16(-2f)).isEqualTo((short) 0xC000);
    assertThat(Float.isNaN(FloatFormats.bf16ToFloat(FloatFormats.floatToBf16(Float.NaN)))).isTrue();
    assertThat(FloatFormats.bf16ToFloat(FloatFormats.floatToBf16(Float.MAX_VALUE)))
        .isEqualTo(Float.POSITIVE_INFINITY);
  }

  @Test
  void lossyFloatsAreStoredRounded() throws IOException {
    Path file = dir.resolve("lossy.safetensors");
    float v = 1f + 0x1p-11f + 0x1p-20f; // not representable in either 16-bit format
    new SafetensorsWriter()
        .addFloats("h", DType.F16, new float[] {v}, 1)
        .addFloats("b", DType.BF16, new float[] {v}, 1)
        .write(file);
    try (SafetensorsFile f = SafetensorsFile.open(file)) {
      assertThat(f.readFloats("h")).containsExactly(1f + 0x1p-10f); // f16 ulp 2^-10, above half
      assertThat(f.readFloats("b")).containsExactly(1f); // bf16 ulp 2^-7, below half
    }
  }

  @Test
  void headerIsPaddedToEightBytesAndTensorsSortByDtypeSizeThenName() throws IOException {
    Path file = dir.resolve("layout.safetensors");
    List<TensorInfo> layout =
        new SafetensorsWriter()
            .addBytes("z8", DType.U8, new byte[] {1, 2, 3}, 3)
            .addFloats("b16", DType.BF16, new float[] {1f}, 1)
            .addInts("a32", new int[] {7}, 1)
            .addBytes("m64", DType.I64, le64(9L), 1)
            .addFloats("c32", DType.F32, new float[] {2f}, 1)
            .write(file);
    assertThat(layout)
        .extracting(TensorInfo::name)
        .containsExactly("m64", "a32", "c32", "b16", "z8");

    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    long n = bytes.getLong(0);
    assertThat(n % 8).isZero();
    String header = new String(bytes.array(), 8, (int) n, StandardCharsets.UTF_8);
    assertThat(header).startsWith("{").contains("\"__metadata__\":{\"format\":\"pt\"}");
    int data = 8 + (int) n;
    assertThat(bytes.getLong(data)).isEqualTo(9L); // m64 first
    assertThat(bytes.getInt(data + 8)).isEqualTo(7); // then a32
    assertThat(bytes.getFloat(data + 12)).isEqualTo(2f); // then c32
    assertThat(bytes.getShort(data + 16)).isEqualTo((short) 0x3F80); // bf16 1.0
    assertThat(bytes.get(data + 18)).isEqualTo((byte) 1);
    assertThat(bytes.capacity()).isEqualTo(data + 21);
  }

  @Test
  void readingTheWrongKindOrAMissingTensorIsRejected() throws IOException {
    Path file = dir.resolve("kinds.safetensors");
    new SafetensorsWriter()
        .addInts("ids", new int[] {1}, 1)
        .addFloats("w", DType.F32, new float[] {1f}, 1)
        .addBytes("big", DType.I64, le64(1L << 40), 1)
        .write(file);
    try (SafetensorsFile f = SafetensorsFile.open(file)) {
      assertThatThrownBy(() -> f.readFloats("ids")).hasMessageContaining("'ids' has dtype I32");
      assertThatThrownBy(() -> f.readInts("w")).hasMessageContaining("'w' has dtype F32");
      assertThatThrownBy(() -> f.readInts("big")).hasMessageContaining("does not fit in int32");
      assertThatThrownBy(() -> f.shape("nope"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'nope'");
    }
  }

  @Test
  void writerRejectsValuesThatDoNotMatchTheShape() {
    SafetensorsWriter w = new SafetensorsWriter();
    assertThatThrownBy(() -> w.addFloats("w", DType.F32, new float[3], 2, 2))
        .hasMessageContaining("tensor 'w'")
        .hasMessageContaining("3 values do not match shape [2, 2]");
    assertThatThrownBy(() -> w.addFloats("w", DType.I32, new float[1], 1))
        .hasMessageContaining("not I32");
    w.addInts("x", new int[] {1}, 1);
    assertThatThrownBy(() -> w.addInts("x", new int[] {1}, 1)).hasMessageContaining("added twice");
  }

  static byte[] le64(long... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      b.putLong(v);
    }
    return b.array();
  }
}
