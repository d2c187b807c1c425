package io.acbench.taskrunner.probe;

import io.acbench.contracts.events.ModelReady;
import io.acbench.contracts.messaging.EventJson;
import io.acbench.contracts.probe.ProbeFiles;
import io.acbench.contracts.probe.ProbeResult;
import io.acbench.tasksuite.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Probe results and pending work on disk, under {@code <result-dir>/<evaluationId>/}:
 *
 * <ul>
 *   <li>{@code <variantId>.<probeSetId>.acbp}: a {@link ProbeFiles} result, written atomically
 *       (temporary file, then rename), so a file that exists is complete;
 *   <li>{@code deferred/<variantId>.<probeSetId>.json}: the {@code model.ready} of a variant that
 *       arrived before the base's result existed, kept until it is probed;
 *   <li>{@code base.<probeSetId>.failed}: why the base's probe failed (its variants cannot be
 *       compared); removed when the base succeeds.
 * </ul>
 *
 * Names that are not safe file names are replaced by {@code x-} and a SHA-256 prefix.
 */
public final class ProbeStore {

  private static final Logger LOG = Logger.getLogger(ProbeStore.class);
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  /**
   * A stored result.
   *
   * @param uri its {@code file:} URI
   * @param digest hex SHA-256 of the file
   */
  public record Stored(Path path, String uri, String digest, ProbeResult result) {}

  private final Path root;

  public ProbeStore(Path root) {
    this.root = root;
  }

  public Path resultPath(String evaluationId, String variantId, String probeSetId) {
    return dir(evaluationId).resolve(segment(variantId) + "." + segment(probeSetId) + ".acbp");
  }

  /** The stored result, or empty when none exists or it is unreadable (then it is redone). */
  public Optional<Stored> read(String evaluationId, String variantId, String probeSetId) {
    Path path = resultPath(evaluationId, variantId, probeSetId);
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    try {
      byte[] bytes = Files.readAllBytes(path);
      ProbeResult result = ProbeFiles.fromBytes(bytes);
      return Optional.of(new Stored(path, path.toUri().toString(), Digests.sha256(bytes), result));
    } catch (IOException e) {
      LOG.warnf("probe result %s is unreadable (%s): probing again", path, e.getMessage());
      return Optional.empty();
    }
  }

  /** Writes a result atomically and returns it as stored. */
  public Stored write(String evaluationId, String variantId, String probeSetId, ProbeResult result)
      throws IOException {
    Path path = resultPath(evaluationId, variantId, probeSetId);
    Files.createDirectories(path.getParent());
    Path tmp = Files.createTempFile(path.getParent(), path.getFileName().toString(), ".tmp");
    try {
      String digest = ProbeFiles.write(result, tmp);
      Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return new Stored(path, path.toUri().toString(), digest, result);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Keeps a variant's {@code model.ready} until the base's result exists. */
  public void defer(ModelReady ready) throws IOException {
    Path file = deferredPath(ready.evaluationId(), ready.variantId(), ready.probeSetId());
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    Files.writeString(tmp, EventJson.write(ready), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The deferred variants of an evaluation on a probe set, in file-name order. */
  public List<ModelReady> deferred(String evaluationId, String probeSetId) throws IOException {
    Path dir = dir(evaluationId).resolve("deferred");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    String suffix = "." + segment(probeSetId) + ".json";
    List<ModelReady> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f :
          files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList()) {
        out.add(EventJson.read(Files.readString(f), ModelReady.class));
      }
    }
    return out;
  }

  public void removeDeferred(ModelReady ready) throws IOException {
    Files.deleteIfExists(deferredPath(ready.evaluationId(), ready.variantId(), ready.probeSetId()));
  }

  /** Records why the base's probe failed. */
  public void baseFailed(String evaluationId, String probeSetId, String reason) throws IOException {
    Files.createDirectories(dir(evaluationId));
    Files.writeString(failedPath(evaluationId, probeSetId), reason, StandardCharsets.UTF_8);
  }

  /** Why the base's probe failed, or empty when it did not (or has not run). */
  public Optional<String> baseFailure(String evaluationId, String probeSetId) throws IOException {
    Path f = failedPath(evaluationId, probeSetId);
    return Files.isRegularFile(f) ? Optional.of(Files.readString(f)) : Optional.empty();
  }

  public void clearBaseFailure(String evaluationId, String probeSetId) throws IOException {
    Files.deleteIfExists(failedPath(evaluationId, probeSetId));
  }

  private Path deferredPath(String evaluationId, String variantId, String probeSetId) {
    return dir(evaluationId)
        .resolve("deferred")
        .resolve(segment(variantId) + "." + segment(probeSetId) + ".json");
  }

  private Path failedPath(String evaluationId, String probeSetId) {
    return dir(evaluationId).resolve("base." + segment(probeSetId) + ".failed");
  }

  private Path dir(String evaluationId) {
    return root.resolve(segment(evaluationId));
  }

  /** The name itself when it is a safe file-name segment, else {@code x-} + 32 hex of its hash. */
  static String segment(String name) {
    return SAFE.matcher(name).matches() ? name : "x-" + Digests.sha256(name).substring(0, 32);
  }
}
