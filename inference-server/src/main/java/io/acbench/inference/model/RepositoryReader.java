package io.acbench.inference.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.TextFormat;
import io.acbench.contracts.grpc.inference.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads Triton's repository layout: {@code <repo>/<model>/config.pbtxt} (protobuf text format;
 * fields this project's trimmed proto lacks are skipped) and {@code <repo>/<model>/<version>/
 * model.json} whose {@code model} names the checkpoint, relative to the version directory.
 */
public final class RepositoryReader {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TextFormat.Parser PBTXT =
      TextFormat.Parser.newBuilder().setAllowUnknownFields(true).build();

  private final Path repository;

  public RepositoryReader(Path repository) {
    this.repository = repository;
  }

  /** Names of the model directories, sorted. */
  public List<String> modelNames() {
    if (!Files.isDirectory(repository)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(repository)) {
      return dirs.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list the model repository " + repository, e);
    }
  }

  public boolean exists(String name) {
    return isSafeName(name) && Files.isDirectory(repository.resolve(name));
  }

  /** Whether a model name can be a directory name of the repository. */
  public static boolean isSafeName(String name) {
    return !name.isEmpty() && !name.contains("/") && !name.contains("\\") && !name.startsWith(".");
  }

  /**
   * Reads one model; the served version is the highest numeric version directory.
   *
   * @throws IllegalArgumentException with the reason a load fails
   */
  public ModelDefinition read(String name) {
    Path dir = repository.resolve(name);
    Path pbtxt = dir.resolve("config.pbtxt");
    if (!Files.isRegularFile(pbtxt)) {
      throw new IllegalArgumentException("no config.pbtxt in " + dir);
    }
    ModelConfig.Builder b = ModelConfig.newBuilder();
    try {
      PBTXT.merge(Files.readString(pbtxt), b);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + pbtxt + ": " + e.getMessage(), e);
    }
    if (!b.getName().isEmpty() && !b.getName().equals(name)) {
      throw new IllegalArgumentException(
          "config.pbtxt names the model '" + b.getName() + "' but its directory is '" + name + "'");
    }
    b.setName(name);
    ModelKind kind = ModelConfigs.kind(b.build());
    ModelConfig config = ModelConfigs.complete(b.build(), kind);
    String version = latestVersion(dir);
    Path versionDir = dir.resolve(version);
    JsonNode json = modelJson(versionDir.resolve("model.json"));
    Path checkpoint = versionDir.resolve(json.get("model").asText()).normalize();
    int queue = -1;
    var q = config.getParametersMap().get("acbench_max_queue_size");
    if (q != null) {
      queue = Integer.parseInt(q.getStringValue().trim());
    }
    return new ModelDefinition(
        name,
        version,
        config,
        kind,
        checkpoint,
        json.path("max_model_len").asInt(0),
        json.path("max_num_seqs").asInt(0),
        queue);
  }

  private static String latestVersion(Path dir) {
    List<Long> versions = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      entries
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> n.matches("[0-9]+"))
          .forEach(n -> versions.add(Long.parseLong(n)));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    return versions.stream()
        .max(Long::compare)
        .map(String::valueOf)
        .orElseThrow(() -> new IllegalArgumentException("no version directory in " + dir));
  }

  private static JsonNode modelJson(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no model.json in " + file.getParent());
    }
    try {
      JsonNode json = JSON.readTree(file.toFile());
      if (json == null || !json.path("model").isTextual()) {
        throw new IllegalArgumentException(file + " must hold a JSON object with a string 'model'");
      }
      return json;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot parse " + file + ": " + e.getMessage(), e);
    }
  }
}
