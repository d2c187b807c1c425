package io.acbench.tasksuite.dataset;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the built-in datasets (the project's own records in the official WorfBench and T-Eval
 * formats) from fixed seeds, so the same bytes come out on every run. Run {@code main} with the
 * resources directory to regenerate; {@code BuiltinDatasetsTest} checks the shipped files equal the
 * generator's output.
 */
public final class BuiltinDatasetGenerator {

  private static final ObjectMapper PLAIN = JsonMapper.builder().build();

  private BuiltinDatasetGenerator() {}

  /** File name (relative to {@code /datasets/}) to content. */
  public static Map<String, byte[]> generate() {
    Map<String, byte[]> files = new TreeMap<>();
    WorfbenchGenerator.all()
        .forEach(
            (scenario, records) ->
                files.put("worfbench/" + scenario + "/graph_eval.json", json(records)));
    TevalGenerator.all()
        .forEach(
            (kind, records) ->
                files.put("teval/" + kind + "_v2.json", json(TevalGenerator.keyed(records))));
    return files;
  }

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "task-suite/src/main/resources/datasets");
    for (Map.Entry<String, byte[]> e : generate().entrySet()) {
      Path file = root.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.write(file, e.getValue());
    }
  }

  static byte[] json(Object value) {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      String text = PLAIN.writer(printer).writeValueAsString(value) + "\n";
      return text.getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static <T> List<T> list(List<T> a) {
    return new ArrayList<>(a);
  }
}
