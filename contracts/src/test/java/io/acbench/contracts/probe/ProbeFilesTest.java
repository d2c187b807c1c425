package io.acbench.contracts.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeFilesTest {

  @TempDir Path dir;

  private static ProbeResult sample(boolean withReference, long seed) {
    Random rnd = new Random(seed);
    int vocab = 50;
    int k = 5;
    List<ProbeSequence> seqs = new ArrayList<>();
    ProbeResult base = null;
    for (int s = 0; s < 3; s++) {
      int n = 2 + s * 3;
      float[][] logits = new float[n][vocab];
      int[] ids = new int[n];
      for (int t = 0; t < n; t++) {
        ids[t] = rnd.nextInt(vocab);
        for (int v = 0; v < vocab; v++) {
          logits[t][v] = (float) rnd.nextGaussian() * 3;
        }
      }
      int[] refIds = null;
      if (withReference) {
        refIds = new int[n * k];
        for (int i = 0; i < refIds.length; i++) {
          refIds[i] = (i * 7 + s) % vocab;
        }
      }
      seqs.add(ProbeReductions.reduce(ids, logits, k, refIds));
    }
    return new ProbeResult(vocab, k, seqs);
  }

  @Test
  void roundTripsWithoutReferenceLogits() throws Exception {
    ProbeResult result = sample(false, 1);
    Path file = dir.resolve("p.acbp");
    ProbeFiles.write(result, file);
    ProbeResult back = ProbeFiles.read(file);
    assertThat(back).isEqualTo(result);
    assertThat(back.hasReference()).isFalse();
    assertThat(back.positionCount()).isEqualTo(2 + 5 + 8);
  }

  @Test
  void roundTripsWithReferenceLogitsAndMatchesTheFileDigest() throws Exception {
    ProbeResult result = sample(true, 2);
    Path file = dir.resolve("p.acbp");
    String digest = ProbeFiles.write(result, file);
    String expected =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    assertThat(digest).isEqualTo(expected);
    ProbeResult back = ProbeFiles.read(file, digest);
    assertThat(back).isEqualTo(result);
    assertThat(back.sequences().get(2).reference().logits())
        .containsExactly(result.sequences().get(2).reference().logits());
  }

  @Test
  void headerIsLittleEndianAsDocumented() {
    byte[] bytes = ProbeFiles.toBytes(sample(true, 3));
    assertThat(Arrays.copyOf(bytes, 4)).containsExactly('A', 'C', 'B', 'P');
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getShort(4)).isEqualTo((short) 1);
    assertThat(b.getShort(6)).isEqualTo((short) 1);
    assertThat(b.getShort(8)).isEqualTo((short) 5);
    assertThat(b.getInt(12)).isEqualTo(50);
    assertThat(b.getInt(16)).isEqualTo(3);
    assertThat(b.getInt(20)).isEqualTo(2);
  }

  @Test
  void everyTruncationIsReportedAsSuch() {
    byte[] bytes = ProbeFiles.toBytes(sample(true, 4));
    for (int len = 0; len < bytes.length; len += 37) {
      byte[] cut = Arrays.copyOf(bytes, len);
      assertThatThrownBy(() -> ProbeFiles.fromBytes(cut))
          .isInstanceOf(ProbeFormatException.class)
          .message()
          .containsAnyOf("truncated", "corrupt", "trailer", "invalid", "magic");
    }
  }

  @Test
  void aFlippedByteFailsTheTrailerCheck() {
    byte[] bytes = ProbeFiles.toBytes(sample(false, 5));
    bytes[bytes.length - 40] ^= 0x01;
    assertThatThrownBy(() -> ProbeFiles.fromBytes(bytes))
        .isInstanceOf(ProbeFormatException.class)
        .hasMessageContaining("trailer sha256");
  }

  @Test
  void aDigestMismatchIsNamed() throws Exception {
    Path file = dir.resolve("p.acbp");
    ProbeFiles.write(sample(false, 6), file);
    assertThatThrownBy(() -> ProbeFiles.read(file, "00".repeat(32)))
        .isInstanceOf(ProbeFormatException.class)
        .hasMessageContaining("does not match resultDigest");
  }

  @Test
  void structuralErrorsNameTheFieldEvenWithAValidTrailer() throws Exception {
    byte[] bytes = ProbeFiles.toBytes(sample(false, 7));
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(24, 999); // first token id of sequence 0, outside V = 50
    assertThatThrownBy(() -> ProbeFiles.fromBytes(resign(bytes)))
        .hasMessageContaining("sequences[0].tokenIds[0] = 999");

    byte[] version = ProbeFiles.toBytes(sample(false, 7));
    ByteBuffer.wrap(version).order(ByteOrder.LITTLE_ENDIAN).putShort(4, (short) 2);
    assertThatThrownBy(() -> ProbeFiles.fromBytes(resign(version)))
        .hasMessageContaining("version 2 is not supported");

    byte[] magic = ProbeFiles.toBytes(sample(false, 7));
    magic[0] = 'X';
    assertThatThrownBy(() -> ProbeFiles.fromBytes(magic)).hasMessageContaining("magic");
  }

  @Test
  void trailingBytesAreRejected() throws Exception {
    byte[] bytes = ProbeFiles.toBytes(sample(false, 8));
    byte[] longer = new byte[bytes.length + 4];
    System.arraycopy(bytes, 0, longer, 0, bytes.length - 32);
    assertThatThrownBy(() -> ProbeFiles.fromBytes(resign(longer)))
        .hasMessageContaining("unexpected bytes");
  }

  @Test
  void inconsistentRecordsAreRejected() {
    ProbeSequence withRef = sample(true, 9).sequences().get(0);
    ProbeSequence without = sample(false, 9).sequences().get(0);
    assertThatThrownBy(() -> new ProbeResult(50, 5, List.of(withRef, without)))
        .hasMessageContaining("sequences[1].reference");
    assertThatThrownBy(() -> new ProbeResult(50, 65, List.of())).hasMessageContaining("topK");
  }

  /** Replaces the trailer with the SHA-256 of the content before it. */
  private static byte[] resign(byte[] bytes) throws Exception {
    int payload = bytes.length - 32;
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update(bytes, 0, payload);
    System.arraycopy(md.digest(), 0, bytes, payload, 32);
    return bytes;
  }
}
