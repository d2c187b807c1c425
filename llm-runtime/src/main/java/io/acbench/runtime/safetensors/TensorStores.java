package io.acbench.runtime.safetensors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens whatever a path holds as a {@link TensorStore}. */
public final class TensorStores {

  private TensorStores() {}

  /**
   * A directory opens as a {@link ShardedCheckpoint}, an index json through its weight_map, and any
   * other file as a single {@link SafetensorsFile}.
   *
   * @throws NoSuchFileException when the path does not exist
   * @throws SafetensorsFormatException when a file breaks the format
   */
  public static TensorStore open(Path dirOrFile) throws IOException {
    if (Files.isDirectory(dirOrFile)) {
      return ShardedCheckpoint.open(dirOrFile);
    }
    if (!Files.isRegularFile(dirOrFile)) {
      throw new NoSuchFileException(dirOrFile.toString(), null, "no checkpoint file or directory");
    }
    if (dirOrFile.getFileName().toString().endsWith(".index.json")) {
      return ShardedCheckpoint.openIndex(dirOrFile);
    }
    return SafetensorsFile.open(dirOrFile);
  }
}
