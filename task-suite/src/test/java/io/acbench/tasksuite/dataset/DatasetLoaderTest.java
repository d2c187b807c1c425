package io.acbench.tasksuite.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {

  private static final String GOOD_WORF =
      """
      {"source":"os","id":"os_1","category":"eval","target":"graph","conversations":[
        {"role":"system","content":"S"},{"role":"user","content":"U"},
        {"role":"assistant","content":"Node:\\n1: a\\nEdge: (START,1) (1,END)"}]}""";

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void worfbenchRecordsAreRead() {
    var records = WorfbenchLoader.parse("g.json", utf8("[" + GOOD_WORF + "]"));
    assertThat(records)
        .containsExactly(
            new WorfbenchRecord("os_1", "os", "S", "U", "Node:\n1: a\nEdge: (START,1) (1,END)"));
  }

  @Test
  void worfbenchErrorsNameFileRecordAndField() {
    String noGold =
        "{\"source\":\"os\",\"id\":\"os_2\",\"conversations\":["
            + "{\"role\":\"system\",\"content\":\"S\"},{\"role\":\"user\",\"content\":\"U\"},"
            + "{\"role\":\"user\",\"content\":\"again\"}]}";
    assertThatThrownBy(
            () ->
                WorfbenchLoader.parse(
                    "os/graph_eval.json", utf8("[" + GOOD_WORF + "," + noGold + "]")))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage(
            "os/graph_eval.json: record 1 (os_2): field 'conversations[2].role' must be 'assistant'");
    assertThatThrownBy(
            () ->
                WorfbenchLoader.parse("f.json", utf8("[{\"source\":\"os\",\"conversations\":[]}]")))
        .hasMessage("f.json: record 0: field 'id' must be a non-empty string");
    assertThatThrownBy(
            () ->
                WorfbenchLoader.parse(
                    "f.json", utf8("[{\"source\":\"os\",\"id\":\"x\",\"conversations\":5}]")))
        .hasMessage("f.json: record 0 (x): field 'conversations' must be an array");
    assertThatThrownBy(() -> WorfbenchLoader.parse("f.json", utf8("{\"a\":1}")))
        .hasMessage("f.json: top level must be a JSON array of records");
    assertThatThrownBy(() -> WorfbenchLoader.parse("f.json", utf8("[{\"id\":\n")))
        .hasMessageStartingWith("f.json: not valid JSON at line 2");
  }

  @Test
  void tevalErrorsNameFileRecordAndField() {
    String ok =
        "\"q_0\":{\"origin_prompt\":[{\"role\":\"user\",\"content\":\"hi\"}],"
            + "\"ground_truth\":{\"answer\":\"A\"},\"meta_data\":{\"response_format\":\"str\"}}";
    assertThat(TevalLoader.parse("review_str_v2.json", "review_str", utf8("{" + ok + "}")))
        .singleElement()
        .satisfies(r -> assertThat(r.groundTruth().get("answer").asText()).isEqualTo("A"));
    String badRole =
        "\"q_1\":{\"origin_prompt\":[{\"role\":\"robot\",\"content\":\"hi\"}],"
            + "\"ground_truth\":{},\"meta_data\":{\"response_format\":\"str\"}}";
    assertThatThrownBy(
            () -> TevalLoader.parse("r.json", "review_str", utf8("{" + ok + "," + badRole + "}")))
        .hasMessage(
            "r.json: record 1 (q_1): field 'origin_prompt[0].role' must be one of system, user,"
                + " assistant, function");
    String badFormat = ok.replace("\"str\"", "\"xml\"");
    assertThatThrownBy(() -> TevalLoader.parse("r.json", "review_str", utf8("{" + badFormat + "}")))
        .hasMessage(
            "r.json: record 0 (q_0): field 'meta_data.response_format' must be 'json' or 'str'");
    assertThatThrownBy(
            () -> TevalLoader.parse("plan_str_v2.json", "plan_str", utf8("{" + ok + "}")))
        .hasMessage("plan_str_v2.json: record 0 (q_0): field 'meta' must be a JSON object");
    assertThatThrownBy(
            () -> TevalLoader.parse("instruct_v2.json", "instruct", utf8("{" + ok + "}")))
        .hasMessage("instruct_v2.json: record 0 (q_0): field 'template' must be a JSON object");
    String noTruth = ok.replace("\"ground_truth\":{\"answer\":\"A\"},", "");
    assertThatThrownBy(() -> TevalLoader.parse("r.json", "review_str", utf8("{" + noTruth + "}")))
        .hasMessage("r.json: record 0 (q_0): field 'ground_truth' is required");
  }

  @Test
  void aFileInTheDatasetDirectoryReplacesTheBuiltInOne(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("worfbench/os/graph_eval.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "[" + GOOD_WORF + "]");
    DatasetCatalog catalog = new DatasetCatalog(Optional.of(dir));
    var os = catalog.worfbench("os");
    assertThat(os.origin()).isEqualTo(file.toString());
    assertThat(os.records()).hasSize(1);
    assertThat(catalog.worfbench("alfworld").origin()).isEqualTo("builtin");
    Files.writeString(dir.resolve("worfbench/os/graph_eval.json"), "[{\"id\":\"broken\"}]");
    assertThatThrownBy(() -> new DatasetCatalog(Optional.of(dir)).worfbench("os"))
        .hasMessage(
            "worfbench/os/graph_eval.json: record 0 (broken): field 'source' must be a non-empty string");
    assertThatThrownBy(() -> new DatasetCatalog(Optional.of(dir)).worfbench("lumos"))
        .hasMessageContaining("no dataset worfbench/lumos/graph_eval.json");
  }
}
