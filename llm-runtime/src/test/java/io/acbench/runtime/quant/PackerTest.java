package io.acbench.runtime.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The packing test vectors of compression-spec §5.2, §5.3 and §8.2, and the packers' guards. */
class PackerTest {

  private static float[] ones(int n) {
    float[] a = new float[n];
    Arrays.fill(a, 1f);
    return a;
  }

  @Test
  void gptqCodesZeroToSevenAlongTheInputPackTo0x76543210() {
    int k = 8;
    int n = 16;
    int[] codes = new int[k * n];
    for (int i = 0; i < k; i++) {
      Arrays.fill(codes, i * n, (i + 1) * n, i);
    }
    int[] zeros = new int[n];
    Arrays.fill(zeros, 8);
    GptqPacker.Packed p =
        GptqPacker.pack(k, n, codes, zeros, ones(n), GptqPacker.sequentialGroupIndex(k, -1));
    assertThat(p.qweight()).hasSize(n).containsOnly(0x76543210);
    assertThat(p.qweightShape()).containsExactly(1, 16);
  }

  @Test
  void gptqSymmetricZeroEightIsStoredAsSevenInEveryNibble() {
    int k = 16;
    int n = 24;
    int[] zeros = new int[2 * n];
    Arrays.fill(zeros, 8);
    GptqPacker.Packed p =
        GptqPacker.pack(
            k, n, new int[k * n], zeros, ones(2 * n), GptqPacker.sequentialGroupIndex(k, 8));
    assertThat(p.qzeros()).hasSize(2 * 3).containsOnly(0x77777777);
    assertThat(0x77777777).isEqualTo(2004318071);
    assertThat(p.qzerosShape()).containsExactly(2, 3);
    assertThat(p.scales()).containsOnly((short) 0x3C00);
  }

  @Test
  void gptqZerosArePackedAlongTheOutputWithMinusOne() {
    int n = 8;
    int[] zeros = {1, 2, 3, 4, 5, 6, 7, 15};
    GptqPacker.Packed p = GptqPacker.pack(8, n, new int[8 * n], zeros, ones(n), new int[8]);
    // Nibble j holds zero[j] − 1: 0, 1, 2, 3, 4, 5, 6, 14.
    assertThat(p.qzeros()).containsExactly(0xE6543210);
  }

  @Test
  void gptqRejectsAZeroPointOfZeroBecauseV1CannotStoreIt() {
    int[] zeros = new int[8];
    Arrays.fill(zeros, 1);
    zeros[5] = 0;
    assertThatThrownBy(() -> GptqPacker.pack(8, 8, new int[64], zeros, ones(8), new int[8]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zeros[g=0, n=5] = 0")
        .hasMessageContaining("1..15");
  }

  @Test
  void gptqRejectsCodesOutsideFourBitsAndBadGroupIndex() {
    int[] zeros = new int[8];
    Arrays.fill(zeros, 8);
    int[] codes = new int[64];
    codes[9] = 16;
    assertThatThrownBy(() -> GptqPacker.pack(8, 8, codes, zeros, ones(8), new int[8]))
        .hasMessageContaining("not a 4-bit code");
    int[] gIdx = new int[8];
    gIdx[3] = 1;
    assertThatThrownBy(() -> GptqPacker.pack(8, 8, new int[64], zeros, ones(8), gIdx))
        .hasMessageContaining("g_idx[3] = 1");
    assertThatThrownBy(() -> GptqPacker.pack(12, 8, new int[96], zeros, ones(8), new int[12]))
        .hasMessageContaining("multiple of 8");
  }

  @Test
  void awqCodesZeroToSevenForChannelsZeroToSevenPackTo0x75316420() {
    int[] codes = {0, 1, 2, 3, 4, 5, 6, 7};
    AwqPacker.Packed p = AwqPacker.pack(1, 8, -1, codes, new int[8], ones(8));
    assertThat(p.qweight()).containsExactly(0x75316420);
    assertThat(p.groupSize()).isEqualTo(1);
  }

  @Test
  void awqUnpackingNibbleJGivesChannelOrderJ() {
    int word = 0x75316420;
    int[] order = {0, 2, 4, 6, 1, 3, 5, 7};
    int[] inverse = {0, 4, 1, 5, 2, 6, 3, 7};
    for (int j = 0; j < 8; j++) {
      assertThat(Int4Codes.nibble(word, j)).isEqualTo(order[j]);
      assertThat(Int4Codes.awqChannelOfNibble(j)).isEqualTo(order[j]);
      assertThat(Int4Codes.awqNibbleOfChannel(j)).isEqualTo(inverse[j]);
      assertThat(Int4Codes.awqNibbleOfChannel(Int4Codes.awqChannelOfNibble(j))).isEqualTo(j);
    }
    assertThat(Int4Codes.awqUnpackWord(word)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(Int4Codes.unpackWord(0x76543210)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
  }

  @Test
  void awqStoresRawZerosWithTheSameInterleave() {
    int k = 4;
    int[] zeros = {0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 8, 8, 8, 8, 8, 8};
    AwqPacker.Packed p = AwqPacker.pack(k, 8, 2, new int[k * 8], zeros, ones(16));
    assertThat(p.qzeros()).containsExactly(0x75316420, 0x88888888);
    assertThat(p.qzerosShape()).containsExactly(2, 1);
    assertThat(p.qweightShape()).containsExactly(4, 1);
  }

  @Test
  void awqChecksLengthsAgainstCeilOfKOverGroupSize() {
    // K = 5, gs = 2 gives G = 3 groups.
    assertThatThrownBy(() -> AwqPacker.pack(5, 8, 2, new int[40], new int[16], ones(16)))
        .hasMessageContaining("AWQ zeros: length 16, expected 24");
    assertThat(AwqPacker.pack(5, 8, 2, new int[40], new int[24], ones(24)).groups()).isEqualTo(3);
    assertThatThrownBy(() -> AwqPacker.pack(5, 12, 2, new int[60], new int[36], ones(36)))
        .hasMessageContaining("multiple of 8");
  }
}
