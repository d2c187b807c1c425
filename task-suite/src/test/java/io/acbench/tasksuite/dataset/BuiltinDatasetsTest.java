package io.acbench.tasksuite.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.acbench.tasksuite.prompt.LagentMetaTemplate;
import io.acbench.tasksuite.task.TaskCatalog;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuiltinDatasetsTest {

  private static byte[] resource(String name) throws Exception {
    try (InputStream in = BuiltinDatasetsTest.class.getResourceAsStream("/datasets/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  /** The shipped files are exactly what the generator writes, so their digests never drift. */
  @Test
  void shippedFilesEqualTheGeneratorsOutput() throws Exception {
    Map<String, byte[]> generated = BuiltinDatasetGenerator.generate();
    assertThat(generated)
        .hasSize(DatasetCatalog.BUILTIN_WORFBENCH.size() + DatasetCatalog.TEVAL_KINDS.size());
    for (Map.Entry<String, byte[]> e : generated.entrySet()) {
      assertThat(resource(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
    }
    assertThat(BuiltinDatasetGenerator.generate())
        .allSatisfy((k, v) -> assertThat(v).isEqualTo(generated.get(k)));
  }

  @Test
  void everyGroupHasAtLeastThirtyRecordsAndTheDigestIsTheFilesSha256() throws Exception {
    DatasetCatalog catalog = new DatasetCatalog(Optional.empty());
    for (String scenario : DatasetCatalog.BUILTIN_WORFBENCH) {
      var data = catalog.worfbench(scenario);
      assertThat(data.records()).as(scenario).hasSizeGreaterThanOrEqualTo(30);
      assertThat(data.records()).extracting(WorfbenchRecord::source).containsOnly(scenario);
      assertThat(data.digest())
          .isEqualTo(sha256(resource("worfbench/" + scenario + "/graph_eval.json")));
    }
    for (String kind : DatasetCatalog.TEVAL_KINDS) {
      var data = catalog.teval(kind);
      assertThat(data.records()).as(kind).hasSizeGreaterThanOrEqualTo(30);
      assertThat(data.records()).extracting(TevalRecord::id).doesNotHaveDuplicates();
      assertThat(data.digest()).isEqualTo(sha256(resource("teval/" + kind + "_v2.json")));
    }
    assertThat(catalog.teval("instruct").records())
        .extracting(r -> r.metaData().get("response_format").asText())
        .contains("json", "str");
  }

  @Test
  void everyBuiltInTaskResolvesWithDistinctPrompts() {
    TaskCatalog tasks = new TaskCatalog(new DatasetCatalog(Optional.empty()));
    var rendering =
        new TaskCatalog.Rendering(
            false,
            () -> {
              throw new AssertionError("parity needs no template");
            },
            LagentMetaTemplate.QWEN,
            0);
    for (String scenario : DatasetCatalog.BUILTIN_WORFBENCH) {
      var spec = tasks.resolve("worfbench/" + scenario, rendering);
      assertThat(spec.samples()).extracting(s -> s.promptDigest()).doesNotHaveDuplicates();
      assertThat(spec.scorerFamily()).isEqualTo("worfbench");
    }
    for (String key : TaskCatalog.TEVAL_FILES.keySet()) {
      var spec = tasks.resolve("teval/" + key, rendering);
      assertThat(spec.samples())
          .as(key)
          .hasSizeGreaterThanOrEqualTo(key.startsWith("instruct_") ? 14 : 30);
      assertThat(spec.samples()).extracting(s -> s.promptDigest()).as(key).doesNotHaveDuplicates();
      assertThat(spec.samples())
          .allSatisfy(s -> assertThat(s.prompt()).endsWith("<|im_start|>assistant\n"));
    }
    var json = tasks.resolve("teval/instruct_json", rendering).samples();
    var str = tasks.resolve("teval/instruct_str", rendering).samples();
    assertThat(json)
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.reference()).contains("\"response_format\":\"json\""));
    assertThat(str)
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.reference()).contains("\"response_format\":\"str\""));
    assertThat(json.size() + str.size())
        .isEqualTo(tasks.resolve("teval/instruct", rendering).samples().size());
    assertThat(tasks.resolve("teval/rru_json", rendering).datasetName())
        .isEqualTo("teval/reason_retrieve_understand_json_v2.json");
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
