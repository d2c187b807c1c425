package io.acbench.compressor.calibration;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The calibration windows: {@code nsamples} token sequences of exactly {@code seqLen} tokens
 * (unpadded, D10), with a digest of their token ids that identifies the calibration data in the
 * artifact cache.
 *
 * @param samples {@code (nsamples)(seqLen)} token ids
 * @param description where the text came from (D13)
 * @param streamTokens tokens in the joined stream the windows were cut from
 */
public record CalibrationSet(int[][] samples, String description, int streamTokens) {

  public int nsamples() {
    return samples.length;
  }

  public int seqLen() {
    return samples.length == 0 ? 0 : samples[0].length;
  }

  /** sha256 over nsamples, seqLen and every token id (little-endian int32). */
  public String digest() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      ByteBuffer buf = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      sha.update(buf.putInt(0, nsamples()).array());
      sha.update(buf.putInt(0, seqLen()).array());
      for (int[] sample : samples) {
        for (int id : sample) {
          sha.update(buf.putInt(0, id).array());
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
