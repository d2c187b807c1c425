package io.acbench.inference.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.List;
import org.junit.jupiter.api.Test;

class TensorsTest {

  private static ByteString bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return ByteString.copyFrom(out);
  }

  @Test
  void bytesElementIsLittleEndianLengthPrefixed() {
    // The protocol page §1.11 example: shape [1] holding "hi".
    assertThat(Tensors.encodeStrings(List.of("hi"))).isEqualTo(bytes(2, 0, 0, 0, 0x68, 0x69));
  }

  @Test
  void bytesRoundTripKeepsEmptyAndMultiByteElements() {
    List<String> values = List.of("", "ä€𝄞", "plain text", "x".repeat(300));
    ByteString raw = Tensors.encodeStrings(values);
    // 300 = 0x012C: the fourth element's prefix is 2C 01 00 00.
    int offset =
        4 + 0 + 4 + "ä€𝄞".getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 4 + 10;
    assertThat(raw.substring(offset, offset + 4)).isEqualTo(bytes(0x2C, 0x01, 0, 0));
    assertThat(Tensors.decodeStrings(raw)).containsExactlyElementsOf(values);
  }

  @Test
  void truncatedBytesAreRejectedWithTheOffset() {
    assertThatThrownBy(() -> Tensors.decodeBytes(bytes(5, 0, 0, 0, 0x61)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("declares 5 bytes but only 1 remain");
    assertThatThrownBy(() -> Tensors.decodeBytes(bytes(1, 0, 0, 0, 0x61, 0)))
        .hasMessageContaining("incomplete 4-byte length prefix at offset 5");
  }

  @Test
  void fixedWidthTypesAreLittleEndian() {
    // 1.0f = 0x3F800000, -2.0f = 0xC0000000
    assertThat(Tensors.decodeFp32(bytes(0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0)))
        .containsExactly(1.0f, -2.0f);
    assertThat(Tensors.encodeInt64(new long[] {258})).isEqualTo(bytes(2, 1, 0, 0, 0, 0, 0, 0));
    assertThat(Tensors.decodeInt32(bytes(0xFF, 0xFF, 0xFF, 0xFF))).containsExactly(-1);
    assertThat(Tensors.decodeUint32(bytes(0xFF, 0xFF, 0xFF, 0xFF))).containsExactly(4294967295L);
    assertThat(Tensors.encodeBool(true, false)).isEqualTo(bytes(1, 0));
    assertThatThrownBy(() -> Tensors.decodeFp32(bytes(1, 2, 3)))
        .hasMessageContaining("FP32 tensor byte size 3 is not a multiple of 4");
  }

  @Test
  void inputTensorChecksDataAgainstShape() {
    assertThatThrownBy(() -> InputTensor.fp32("x", new long[] {2, 2}, new float[] {1, 2, 3}))
        .hasMessageContaining("input 'x' has 12 bytes but shape [2, 2] of FP32 needs 16");
    assertThatThrownBy(() -> InputTensor.strings("t", new long[] {2}, List.of("a")))
        .hasMessageContaining("holds 1 BYTES elements but shape [2] needs 2");
    assertThatThrownBy(() -> new InputTensor("t", "TYPE_INT64", new long[] {1}, ByteString.EMPTY))
        .hasMessageContaining("datatype must be a protocol datatype string");
  }
}
