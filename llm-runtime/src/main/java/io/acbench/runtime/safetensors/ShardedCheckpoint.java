package io.acbench.runtime.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Hugging Face model directory seen as one {@link TensorStore}. The tensors come from {@code
 * model.safetensors.index.json} (its {@code weight_map}) when present, else from the single {@code
 * model.safetensors}, else from every {@code *.safetensors} file in the directory.
 */
public final class ShardedCheckpoint implements TensorStore {

  /** Name of the Hugging Face shard index. */
  public static final String INDEX_FILE = "model.safetensors.index.json";

  /** Name of an unsharded Hugging Face checkpoint. */
  public static final String SINGLE_FILE = "model.safetensors";

  private final Path directory;
  private final List<SafetensorsFile> shards;
  private final Map<String, SafetensorsFile> byTensor;

  private ShardedCheckpoint(
      Path directory, List<SafetensorsFile> shards, Map<String, SafetensorsFile> byTensor) {
    this.directory = directory;
    this.shards = shards;
    this.byTensor = byTensor;
  }

  /**
   * Opens every shard of a model directory and validates that each tensor is found exactly once.
   *
   * @throws IOException when a file cannot be read
   * @throws SafetensorsFormatException when a shard or the index breaks the format
   */
  public static ShardedCheckpoint open(Path directory) throws IOException {
    Path index = directory.resolve(INDEX_FILE);
    if (Files.isRegularFile(index)) {
      return openIndex(index);
    }
    Path single = directory.resolve(SINGLE_FILE);
    List<Path> files = Files.isRegularFile(single) ? List.of(single) : listShards(directory);
    if (files.isEmpty()) {
      throw new SafetensorsFormatException(
          directory,
          "directory holds no " + INDEX_FILE + ", " + SINGLE_FILE + " or *.safetensors file");
    }
    List<SafetensorsFile> shards = new ArrayList<>();
    Map<String, SafetensorsFile> byTensor = new TreeMap<>();
    try {
      for (Path file : files) {
        SafetensorsFile shard = SafetensorsFile.open(file);
        shards.add(shard);
        for (String name : shard.names()) {
          SafetensorsFile other = byTensor.putIfAbsent(name, shard);
          if (other != null) {
            throw new SafetensorsFormatException(
                file, name, "tensor also appears in shard " + other.path().getFileName());
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      shards.forEach(SafetensorsFile::close);
      throw e;
    }
    return new ShardedCheckpoint(directory, shards, byTensor);
  }

  /** Opens the shards an index names; tensors outside its weight_map are not exposed. */
  public static ShardedCheckpoint openIndex(Path indexFile) throws IOException {
    Path directory = indexFile.toAbsolutePath().getParent();
    Map<String, String> weightMap = readWeightMap(indexFile);
    Map<String, SafetensorsFile> byFile = new LinkedHashMap<>();
    Map<String, SafetensorsFile> byTensor = new TreeMap<>();
    try {
      for (Map.Entry<String, String> e : weightMap.entrySet()) {
        SafetensorsFile shard = byFile.get(e.getValue());
        if (shard == null) {
          shard = openShard(indexFile, directory, e.getKey(), e.getValue());
          byFile.put(e.getValue(), shard);
        }
        if (!shard.contains(e.getKey())) {
          throw new SafetensorsFormatException(
              indexFile,
              e.getKey(),
              "weight_map puts the tensor in shard '" + e.getValue() + "', which lacks it");
        }
        byTensor.put(e.getKey(), shard);
      }
    } catch (IOException | RuntimeException e) {
      byFile.values().forEach(SafetensorsFile::close);
      throw e;
    }
    return new ShardedCheckpoint(directory, List.copyOf(byFile.values()), byTensor);
  }

  private static Map<String, String> readWeightMap(Path indexFile) throws IOException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(indexFile.toFile());
    } catch (IOException e) {
      throw new SafetensorsFormatException(indexFile, "index is not valid JSON", e);
    }
    JsonNode map = root == null ? null : root.get("weight_map");
    if (map == null || !map.isObject()) {
      throw new SafetensorsFormatException(indexFile, "index has no weight_map object");
    }
    Map<String, String> weightMap = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : map.properties()) {
      if (!e.getValue().isTextual()) {
        throw new SafetensorsFormatException(
            indexFile, e.getKey(), "weight_map value is not a shard file name");
      }
      weightMap.put(e.getKey(), e.getValue().textValue());
    }
    return weightMap;
  }

  private static SafetensorsFile openShard(
      Path indexFile, Path directory, String tensor, String shardName) throws IOException {
    Path shard = directory.resolve(shardName).normalize();
    if (!directory.equals(shard.getParent())) {
      throw new SafetensorsFormatException(
          indexFile, tensor, "weight_map names shard '" + shardName + "' outside the directory");
    }
    if (!Files.isRegularFile(shard)) {
      throw new SafetensorsFormatException(
          indexFile, tensor, "weight_map names shard '" + shardName + "', which does not exist");
    }
    return SafetensorsFile.open(shard);
  }

  private static List<Path> listShards(Path directory) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.safetensors")) {
      stream.forEach(files::add);
    }
    Collections.sort(files);
    return files;
  }

  /** The model directory. */
  public Path directory() {
    return directory;
  }

  /** The opened shard files. */
  public List<SafetensorsFile> shards() {
    return List.copyOf(shards);
  }

  /** The shard holding the named tensor; throws {@link IllegalArgumentException} if absent. */
  public SafetensorsFile shardOf(String name) {
    SafetensorsFile shard = byTensor.get(name);
    if (shard == null) {
      throw new IllegalArgumentException(directory + ": no tensor named '" + name + "'");
    }
    return shard;
  }

  @Override
  public Set<String> names() {
    return Collections.unmodifiableSet(byTensor.keySet());
  }

  @Override
  public boolean contains(String name) {
    return byTensor.containsKey(name);
  }

  @Override
  public DType dtype(String name) {
    return shardOf(name).dtype(name);
  }

  @Override
  public long[] shape(String name) {
    return shardOf(name).shape(name);
  }

  @Override
  public MemorySegment segment(String name) {
    return shardOf(name).segment(name);
  }

  @Override
  public float[] readFloats(String name) {
    return shardOf(name).readFloats(name);
  }

  @Override
  public int[] readInts(String name) {
    return shardOf(name).readInts(name);
  }

  @Override
  public void close() {
    shards.forEach(SafetensorsFile::close);
  }
}
