package io.acbench.taskrunner.state;

import io.acbench.taskrunner.inference.Generation;
import io.acbench.tasksuite.Digests;
import io.acbench.tasksuite.dataset.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Model outputs on disk, keyed by sha256 of (model artifact digest, rendered prompt, sampling
 * parameters JSON). A new artifact digest (a re-compressed model) gives new keys, so it never reads
 * another model's output. Entries are written to a temporary file and moved into place, so a crash
 * leaves either the whole entry or none; the first entry stored for a key is never replaced, so
 * every reader of a key sees the same output.
 */
public final class OutputCache {

  private final Path dir;

  public OutputCache(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the output cache " + dir, e);
    }
  }

  /** The cache key of a request. */
  public static String key(String artifactDigest, String prompt, String samplingJson) {
    return Digests.sha256Of(artifactDigest, prompt, samplingJson);
  }

  /** The cached generation, if any. */
  public Optional<Generation> get(String key) {
    Path file = file(key);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.MAPPER.readValue(file.toFile(), Generation.class));
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt output cache entry " + file, e);
    }
  }

  /** Stores a generation; an existing entry for the key is kept (first write wins). */
  public void put(String key, Generation generation) {
    Path file = file(key);
    if (Files.exists(file)) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), key, ".tmp");
      Files.writeString(tmp, Json.MAPPER.writeValueAsString(generation));
      try {
        Files.createLink(file, tmp);
      } catch (FileAlreadyExistsException raced) {
        // another writer stored the key first; its entry stays
      } finally {
        Files.delete(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write output cache entry " + file, e);
    }
  }

  private Path file(String key) {
    return dir.resolve(key.substring(0, 2)).resolve(key + ".json");
  }
}
