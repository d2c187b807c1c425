package io.acbench.contracts.probe;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Writes and reads probe result files in the {@link ProbeFormat} layout. */
public final class ProbeFiles {

  private ProbeFiles() {}

  /** Serialises a result, trailer included. */
  public static byte[] toBytes(ProbeResult result) {
    int k = result.topK();
    long size = ProbeFormat.HEADER_BYTES + ProbeFormat.TRAILER_BYTES;
    for (ProbeSequence s : result.sequences()) {
      long n = s.length();
      size +=
          4 + 8 * n + 8 * n * k + 8 * (n * (n + 1) / 2) + (s.reference() != null ? 8 * n * k : 0);
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("probe result of " + size + " bytes is too large");
    }
    ByteBuffer buf = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    buf.putInt(ProbeFormat.MAGIC)
        .putShort((short) ProbeFormat.VERSION)
        .putShort((short) (result.hasReference() ? ProbeFormat.FLAG_REFERENCE : 0))
        .putShort((short) k)
        .putShort((short) 0)
        .putInt(result.vocabSize())
        .putInt(result.sequences().size());
    for (ProbeSequence s : result.sequences()) {
      int n = s.length();
      buf.putInt(n);
      putInts(buf, s.tokenIds());
      putFloats(buf, s.logSumExp());
      putInts(buf, s.topIds());
      putFloats(buf, s.topLogits());
      for (int i = 0; i < n; i++) {
        for (int j = i; j < n; j++) {
          buf.putDouble(s.gram()[i * n + j]);
        }
      }
      if (s.reference() != null) {
        putInts(buf, s.reference().ids());
        putFloats(buf, s.reference().logits());
      }
    }
    buf.put(sha256(buf.array(), buf.position()));
    return buf.array();
  }

  /**
   * Writes {@code result} to {@code path} (replacing it) and returns the lowercase hex SHA-256 of
   * the file, the {@code resultDigest} of {@code acbench.probe.completed}.
   */
  public static String write(ProbeResult result, Path path) throws IOException {
    byte[] bytes = toBytes(result);
    Files.write(path, bytes);
    return HexFormat.of().formatHex(sha256(bytes, bytes.length));
  }

  /** Reads a file, checking its structure and trailer. */
  public static ProbeResult read(Path path) throws IOException {
    return fromBytes(Files.readAllBytes(path));
  }

  /** Reads a file and also checks that its SHA-256 equals {@code expectedDigest} (hex). */
  public static ProbeResult read(Path path, String expectedDigest) throws IOException {
    byte[] bytes = Files.readAllBytes(path);
    String actual = HexFormat.of().formatHex(sha256(bytes, bytes.length));
    if (!actual.equalsIgnoreCase(expectedDigest)) {
      throw new ProbeFormatException(
          "probe file "
              + path
              + ": sha256 "
              + actual
              + " does not match resultDigest "
              + expectedDigest);
    }
    return fromBytes(bytes);
  }

  /** Parses a serialised result. */
  public static ProbeResult fromBytes(byte[] bytes) throws ProbeFormatException {
    if (bytes.length < ProbeFormat.HEADER_BYTES + ProbeFormat.TRAILER_BYTES) {
      throw new ProbeFormatException(
          "probe file truncated: " + bytes.length + " bytes is shorter than header and trailer");
    }
    int payload = bytes.length - ProbeFormat.TRAILER_BYTES;
    ByteBuffer buf = ByteBuffer.wrap(bytes, 0, payload).order(ByteOrder.LITTLE_ENDIAN);
    Header h = readHeader(buf);
    try {
      List<ProbeSequence> sequences = new ArrayList<>();
      for (int s = 0; s < h.sequenceCount; s++) {
        sequences.add(ProbeSequenceReader.read(buf, h.vocabSize, h.topK, h.withReference, s));
      }
      if (buf.hasRemaining()) {
        throw new ProbeFormatException(
            "probe file has "
                + buf.remaining()
                + " unexpected bytes after sequence "
                + (h.sequenceCount - 1));
      }
      byte[] trailer = new byte[ProbeFormat.TRAILER_BYTES];
      System.arraycopy(bytes, payload, trailer, 0, trailer.length);
      if (!MessageDigest.isEqual(trailer, sha256(bytes, payload))) {
        throw new ProbeFormatException(
            "probe file corrupt: trailer sha256 does not match the content");
      }
      return new ProbeResult(h.vocabSize, h.topK, sequences);
    } catch (BufferUnderflowException e) {
      throw new ProbeFormatException(
          "probe file truncated: ends inside the sequences (header says " + h.sequenceCount + ")");
    } catch (IllegalArgumentException e) {
      throw new ProbeFormatException("probe file invalid: " + e.getMessage());
    }
  }

  private record Header(int topK, int vocabSize, int sequenceCount, boolean withReference) {}

  private static Header readHeader(ByteBuffer buf) throws ProbeFormatException {
    if (buf.getInt() != ProbeFormat.MAGIC) {
      throw new ProbeFormatException("not a probe file: magic is not \"ACBP\"");
    }
    int version = Short.toUnsignedInt(buf.getShort());
    if (version != ProbeFormat.VERSION) {
      throw new ProbeFormatException(
          "probe file version "
              + version
              + " is not supported (expected "
              + ProbeFormat.VERSION
              + ")");
    }
    int flags = Short.toUnsignedInt(buf.getShort());
    if ((flags & ~ProbeFormat.FLAG_REFERENCE) != 0) {
      throw new ProbeFormatException(
          "probe file flags 0x" + Integer.toHexString(flags) + " has unknown bits");
    }
    int k = Short.toUnsignedInt(buf.getShort());
    buf.getShort();
    int vocab = buf.getInt();
    int count = buf.getInt();
    if (k < 1 || k > ProbeFormat.MAX_TOP_K) {
      throw new ProbeFormatException("probe file header: k = " + k + " is not in [1, 64]");
    }
    if (vocab < 1 || count < 0) {
      throw new ProbeFormatException(
          "probe file header: vocabSize "
              + vocab
              + " must be >= 1 and sequenceCount "
              + count
              + " >= 0");
    }
    return new Header(k, vocab, count, (flags & ProbeFormat.FLAG_REFERENCE) != 0);
  }

  private static void putInts(ByteBuffer buf, int[] values) {
    for (int v : values) {
      buf.putInt(v);
    }
  }

  private static void putFloats(ByteBuffer buf, float[] values) {
    for (float v : values) {
      buf.putFloat(v);
    }
  }

  static byte[] sha256(byte[] bytes, int length) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(bytes, 0, length);
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
