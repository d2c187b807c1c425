package io.acbench.compressor.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Content-addressed store of compressed checkpoints under {@code <root>/variants/<variantId>}. The
 * variant id is {@code sha256(base model digest, recipe, calibration digest)}. An artifact is built
 * in a temporary sibling, the {@value #COMPLETE} marker is written last, and the directory is then
 * renamed into place; a directory without the marker (a crash mid-write) is never reused.
 */
public final class ArtifactCache {

  public static final String COMPLETE = ".complete";

  /** Builds an artifact into an empty directory. */
  @FunctionalInterface
  public interface Builder {
    void build(Path dir) throws IOException;
  }

  /**
   * @param dir the artifact directory
   * @param reused true when the artifact was already complete and nothing was built
   */
  public record Artifact(String variantId, Path dir, boolean reused) {}

  private final Path variants;
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final AtomicLong builds = new AtomicLong();

  public ArtifactCache(Path root) {
    this.variants = root.resolve("variants");
  }

  /** {@code sha256("acbench-variant/1\n" + base + "\n" + recipe + "\n" + calibration)}. */
  public static String variantId(String baseDigest, String recipe, String calibrationDigest) {
    return Digests.sha256(
        "acbench-variant/1\n" + baseDigest + "\n" + recipe + "\n" + calibrationDigest);
  }

  /**
   * Where an interrupted build of {@code variantId} keeps its layer-by-layer progress, so the next
   * build of the same variant goes on from there (see {@code WalkResume}).
   */
  public Path resumeDir(String variantId) {
    return variants.resolve(".resume-" + variantId);
  }

  /** The complete artifact of {@code variantId}, if one is stored. */
  public Optional<Path> lookup(String variantId) {
    Path dir = variants.resolve(variantId);
    return Files.isRegularFile(dir.resolve(COMPLETE)) ? Optional.of(dir) : Optional.empty();
  }

  /** Returns the stored artifact or builds it; concurrent calls for one id build once. */
  public Artifact getOrBuild(String variantId, Builder builder) throws IOException {
    synchronized (locks.computeIfAbsent(variantId, k -> new Object())) {
      Optional<Path> stored = lookup(variantId);
      if (stored.isPresent()) {
        return new Artifact(variantId, stored.get(), true);
      }
      Files.createDirectories(variants);
      Path tmp = variants.resolve(".tmp-" + variantId + "-" + UUID.randomUUID());
      Files.createDirectories(tmp);
      try {
        builder.build(tmp);
        Files.writeString(tmp.resolve(COMPLETE), Instant.now().toString() + "\n");
        Path dir = variants.resolve(variantId);
        deleteRecursively(dir);
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        builds.incrementAndGet();
        return new Artifact(variantId, dir, false);
      } catch (IOException | RuntimeException e) {
        deleteRecursively(tmp);
        throw e;
      }
    }
  }

  /** Artifacts built (not reused) by this instance. */
  public long builds() {
    return builds.get();
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
