package io.acbench.tasksuite.dataset;

import java.util.List;

/**
 * A parsed dataset file.
 *
 * @param name e.g. {@code worfbench/os/graph_eval.json}
 * @param origin {@code builtin} or the file path it was read from
 * @param digest sha256 hex of the file's bytes: the dataset's version
 * @param records the records in file order
 */
public record LoadedDataset<R>(String name, String origin, String digest, List<R> records) {

  public LoadedDataset {
    records = List.copyOf(records);
  }
}
