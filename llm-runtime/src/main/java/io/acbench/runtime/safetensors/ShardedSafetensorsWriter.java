package io.acbench.runtime.safetensors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a checkpoint as Hugging Face shards: tensors are packed in insertion order into shards of
 * at most {@code maxShardBytes} (a larger tensor gets a shard of its own). One shard is written as
 * {@code model.safetensors}; several as {@code model-0000i-of-0000K.safetensors} plus {@code
 * model.safetensors.index.json} with {@code metadata.total_size} and the {@code weight_map}.
 */
public final class ShardedSafetensorsWriter {

  private final long maxShardBytes;
  private final Map<String, TensorSource> tensors = new LinkedHashMap<>();
  private final Map<String, String> metadata = new LinkedHashMap<>();

  /** A writer that starts a new shard before one would pass {@code maxShardBytes}. */
  public ShardedSafetensorsWriter(long maxShardBytes) {
    if (maxShardBytes <= 0) {
      throw new IllegalArgumentException("maxShardBytes must be positive: " + maxShardBytes);
    }
    this.maxShardBytes = maxShardBytes;
  }

  /** Adds a {@code __metadata__} entry written into every shard (besides format: pt). */
  public ShardedSafetensorsWriter metadata(String key, String value) {
    metadata.put(key, value);
    return this;
  }

  /** Adds a tensor; throws {@link IllegalArgumentException} for a repeated name. */
  public ShardedSafetensorsWriter add(String name, TensorSource source) {
    if (tensors.putIfAbsent(name, source) != null) {
      throw new IllegalArgumentException("tensor '" + name + "' added twice");
    }
    return this;
  }

  /**
   * Writes the shards (and the index when there are several) into {@code directory}.
   *
   * @return the files written, shards first, then the index if any
   */
  public List<Path> write(Path directory) throws IOException {
    Files.createDirectories(directory);
    List<SafetensorsWriter> shards = pack();
    List<Path> written = new ArrayList<>();
    if (shards.size() == 1) {
      Path file = directory.resolve(ShardedCheckpoint.SINGLE_FILE);
      shards.getFirst().write(file);
      written.add(file);
      return written;
    }
    Map<String, String> weightMap = new TreeMap<>();
    long totalSize = 0;
    for (int i = 0; i < shards.size(); i++) {
      String fileName = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
      Path file = directory.resolve(fileName);
      for (TensorInfo t : shards.get(i).write(file)) {
        weightMap.put(t.name(), fileName);
        totalSize += t.byteSize();
      }
      written.add(file);
    }
    Path index = directory.resolve(ShardedCheckpoint.INDEX_FILE);
    writeIndex(index, totalSize, weightMap);
    written.add(index);
    return written;
  }

  private List<SafetensorsWriter> pack() {
    List<SafetensorsWriter> shards = new ArrayList<>();
    SafetensorsWriter current = newShard();
    long currentBytes = 0;
    for (Map.Entry<String, TensorSource> e : tensors.entrySet()) {
      long size = e.getValue().byteSize();
      if (currentBytes > 0 && currentBytes + size > maxShardBytes) {
        shards.add(current);
        current = newShard();
        currentBytes = 0;
      }
      current.add(e.getKey(), e.getValue());
      currentBytes += size;
    }
    shards.add(current);
    return shards;
  }

  private SafetensorsWriter newShard() {
    SafetensorsWriter shard = new SafetensorsWriter();
    metadata.forEach(shard::metadata);
    return shard;
  }

  private static void writeIndex(Path index, long totalSize, Map<String, String> weightMap)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.putObject("metadata").put("total_size", totalSize);
    ObjectNode map = root.putObject("weight_map");
    weightMap.forEach(map::put);
    Files.writeString(index, json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
  }
}
