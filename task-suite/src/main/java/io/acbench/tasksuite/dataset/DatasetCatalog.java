package io.acbench.tasksuite.dataset;

import io.acbench.tasksuite.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Finds dataset files: first under the user's dataset directory (official files in their upstream
 * layout), then among the built-in datasets shipped in the jar under {@code /datasets/}. Parsed
 * datasets are kept for the life of the catalog.
 */
public final class DatasetCatalog {

  /** WorfBench scenarios with a built-in dataset. */
  public static final List<String> BUILTIN_WORFBENCH = List.of("os", "alfworld", "webshop");

  /** T-Eval file kinds (file name without {@code _v2.json}), all built in. */
  public static final List<String> TEVAL_KINDS =
      List.of(
          "instruct",
          "plan_json",
          "plan_str",
          "reason_str",
          "retrieve_str",
          "understand_str",
          "reason_retrieve_understand_json",
          "review_str");

  private final Optional<Path> datasetDir;
  private final Map<String, LoadedDataset<?>> loaded = new ConcurrentHashMap<>();

  public DatasetCatalog(Optional<Path> datasetDir) {
    this.datasetDir = datasetDir;
  }

  /** The {@code graph_eval.json} of a WorfBench scenario. */
  @SuppressWarnings("unchecked")
  public LoadedDataset<WorfbenchRecord> worfbench(String scenario) {
    String name = "worfbench/" + scenario + "/graph_eval.json";
    return (LoadedDataset<WorfbenchRecord>)
        loaded.computeIfAbsent(name, n -> load(n, bytes -> WorfbenchLoader.parse(n, bytes)));
  }

  /** The {@code <kind>_v2.json} of T-Eval. */
  @SuppressWarnings("unchecked")
  public LoadedDataset<TevalRecord> teval(String kind) {
    String name = "teval/" + kind + "_v2.json";
    return (LoadedDataset<TevalRecord>)
        loaded.computeIfAbsent(name, n -> load(n, bytes -> TevalLoader.parse(n, kind, bytes)));
  }

  private <R> LoadedDataset<R> load(String name, Function<byte[], List<R>> parser) {
    Optional<Path> file = datasetDir.map(d -> d.resolve(name)).filter(Files::isRegularFile);
    byte[] bytes;
    String origin;
    if (file.isPresent()) {
      origin = file.get().toString();
      try {
        bytes = Files.readAllBytes(file.get());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read dataset " + origin, e);
      }
    } else {
      origin = "builtin";
      bytes = builtin(name);
    }
    List<R> records = parser.apply(bytes);
    return new LoadedDataset<>(name, origin, Digests.sha256(bytes), records);
  }

  private byte[] builtin(String name) {
    try (InputStream in = DatasetCatalog.class.getResourceAsStream("/datasets/" + name)) {
      if (in == null) {
        throw new DatasetFormatException(
            "no dataset "
                + name
                + ": not in the dataset directory ("
                + datasetDir.map(Path::toString).orElse("acbench.task-runner.dataset-dir unset")
                + ") and not built in");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read built-in dataset " + name, e);
    }
  }
}
