package io.acbench.tasksuite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 hex digests. */
public final class Digests {

  private Digests() {}

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }

  public static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Digest of several strings, each length-prefixed so that no two tuples collide. */
  public static String sha256Of(String... parts) {
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      sb.append(p.length()).append(':').append(p).append('\n');
    }
    return sha256(sb.toString());
  }
}
