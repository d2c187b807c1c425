package io.acbench.runtime.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardedCheckpointTest {

  @TempDir Path dir;

  /** Five 16-byte tensors with a 40-byte cap: shards of two, two and one tensor. */
  private List<Path> writeFiveTensors(Path out, long maxShardBytes) throws IOException {
    ShardedSafetensorsWriter w = new ShardedSafetensorsWriter(maxShardBytes);
    for (int i = 0; i < 5; i++) {
      w.add("t" + i, TensorSource.ofFloats(new float[] {i, i + 0.5f, -i, 2f * i}, DType.F32, 2, 2));
    }
    return w.write(out);
  }

  @Test
  void shardsSplitAtTheCapAndReloadThroughTheIndex() throws IOException {
    List<Path> files = writeFiveTensors(dir, 40);
    assertThat(files)
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "model-00001-of-00003.safetensors",
            "model-00002-of-00003.safetensors",
            "model-00003-of-00003.safetensors",
            "model.safetensors.index.json");

    JsonNode index =
        new ObjectMapper().readTree(dir.resolve("model.safetensors.index.json").toFile());
    assertThat(index.get("metadata").get("total_size").asLong()).isEqualTo(5 * 16);
    assertThat(index.get("weight_map").get("t0").asText())
        .isEqualTo("model-00001-of-00003.safetensors");
    assertThat(index.get("weight_map").get("t3").asText())
        .isEqualTo("model-00002-of-00003.safetensors");
    assertThat(index.get("weight_map").get("t4").asText())
        .isEqualTo("model-00003-of-00003.safetensors");

    try (TensorStore store = TensorStores.open(dir)) {
      assertThat(store).isInstanceOf(ShardedCheckpoint.class);
      assertThat(store.names()).containsExactlyInAnyOrder("t0", "t1", "t2", "t3", "t4");
      assertThat(store.readFloats("t3")).containsExactly(3f, 3.5f, -3f, 6f);
      assertThat(store.shape("t4")).containsExactly(2, 2);
      assertThat(((ShardedCheckpoint) store).shards()).hasSize(3);
    }
  }

  @Test
  void aCheckpointUnderTheCapIsOneModelSafetensorsWithoutIndex() throws IOException {
    List<Path> files = writeFiveTensors(dir, 1 << 20);
    assertThat(files).containsExactly(dir.resolve("model.safetensors"));
    assertThat(dir.resolve("model.safetensors.index.json")).doesNotExist();
    try (TensorStore store = TensorStores.open(dir)) {
      assertThat(store.readFloats("t2")).containsExactly(2f, 2.5f, -2f, 4f);
    }
    try (TensorStore store = TensorStores.open(dir.resolve("model.safetensors"))) {
      assertThat(store).isInstanceOf(SafetensorsFile.class);
      assertThat(store.names()).hasSize(5);
    }
  }

  @Test
  void withoutIndexEverySafetensorsFileIsRead() throws IOException {
    writeFiveTensors(dir, 40);
    Files.delete(dir.resolve("model.safetensors.index.json"));
    try (TensorStore store = TensorStores.open(dir)) {
      assertThat(store.names()).hasSize(5);
      assertThat(store.readFloats("t1")).containsExactly(1f, 1.5f, -1f, 2f);
    }
  }

  @Test
  void indexNamingAMissingShardIsRejected() throws IOException {
    writeFiveTensors(dir, 40);
    Files.delete(dir.resolve("model-00002-of-00003.safetensors"));
    assertThatThrownBy(() -> TensorStores.open(dir).close())
        .isInstanceOf(SafetensorsFormatException.class)
        .hasMessageContaining("model.safetensors.index.json")
        .hasMessageContaining("tensor 't2'")
        .hasMessageContaining(
            "names shard 'model-00002-of-00003.safetensors', which does not exist");
  }

  @Test
  void indexTensorMissingFromItsShardIsRejected() throws IOException {
    writeFiveTensors(dir, 40);
    Path index = dir.resolve("model.safetensors.index.json");
    Files.writeString(
        index, Files.readString(index).replace("\"t4\" : \"model-00003", "\"t4\" : \"model-00001"));
    assertThatThrownBy(() -> TensorStores.open(dir).close())
        .isInstanceOf(SafetensorsFormatException.class)
        .hasMessageContaining("tensor 't4'")
        .hasMessageContaining("puts the tensor in shard 'model-00001-of-00003.safetensors'");
  }

  @Test
  void anIndexFileOpensThroughItsWeightMap() throws IOException {
    writeFiveTensors(dir, 40);
    try (TensorStore store = TensorStores.open(dir.resolve("model.safetensors.index.json"))) {
      assertThat(store.names()).hasSize(5);
      assertThat(store.readFloats("t4")).containsExactly(4f, 4.5f, -4f, 8f);
    }
  }

  @Test
  void indexNamingAShardOutsideTheDirectoryIsRejected() throws IOException {
    writeFiveTensors(dir, 40);
    Path index = dir.resolve("model.safetensors.index.json");
    Files.writeString(
        index, Files.readString(index).replace("\"t0\" : \"model-", "\"t0\" : \"../model-"));
    assertThatThrownBy(() -> TensorStores.open(dir).close())
        .isInstanceOf(SafetensorsFormatException.class)
        .hasMessageContaining("tensor 't0'")
        .hasMessageContaining("outside the directory");
  }

  @Test
  void sameTensorInTwoShardsIsRejectedWithoutIndex() throws IOException {
    new SafetensorsWriter().addInts("x", new int[] {1}, 1).write(dir.resolve("a.safetensors"));
    new SafetensorsWriter().addInts("x", new int[] {2}, 1).write(dir.resolve("b.safetensors"));
    assertThatThrownBy(() -> TensorStores.open(dir).close())
        .isInstanceOf(SafetensorsFormatException.class)
        .hasMessageContaining("tensor 'x'")
        .hasMessageContaining("also appears in shard a.safetensors");
  }

  @Test
  void directoryWithoutCheckpointIsRejected() {
    assertThatThrownBy(() -> TensorStores.open(dir).close())
        .isInstanceOf(SafetensorsFormatException.class)
        .hasMessageContaining("holds no model.safetensors.index.json");
  }
}
