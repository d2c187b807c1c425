package io.acbench.compressor.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** sha256 digests of files and of a model directory's weights. */
public final class Digests {

  private record FileKey(Path path, long size, long modified) {}

  /** File digests by (path, size, mtime): a model's shards are hashed once per process. */
  private static final Map<FileKey, String> FILE_CACHE = new ConcurrentHashMap<>();

  private Digests() {}

  public static String sha256(String text) {
    MessageDigest sha = newSha256();
    return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** sha256 of a file's bytes. */
  public static String file(Path file) throws IOException {
    BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
    FileKey key =
        new FileKey(
            file.toAbsolutePath().normalize(), attrs.size(), attrs.lastModifiedTime().toMillis());
    String cached = FILE_CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    MessageDigest sha = newSha256();
    byte[] buf = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        sha.update(buf, 0, n);
      }
    }
    String digest = HexFormat.of().formatHex(sha.digest());
    FILE_CACHE.put(key, digest);
    return digest;
  }

  /**
   * The digest of a model: sha256 over {@code name=sha256} lines of {@code config.json} and every
   * {@code *.safetensors} file, sorted by name.
   */
  public static String model(Path modelDir) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(modelDir)) {
      files =
          s.filter(
                  p -> {
                    String n = p.getFileName().toString();
                    return n.equals("config.json") || n.endsWith(".safetensors");
                  })
              .sorted()
              .toList();
    }
    if (files.stream().noneMatch(p -> p.getFileName().toString().endsWith(".safetensors"))) {
      throw new IllegalArgumentException("model directory " + modelDir + " has no *.safetensors");
    }
    StringBuilder lines = new StringBuilder();
    for (Path f : files) {
      lines.append(f.getFileName()).append('=').append(file(f)).append('\n');
    }
    return sha256(lines.toString());
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
