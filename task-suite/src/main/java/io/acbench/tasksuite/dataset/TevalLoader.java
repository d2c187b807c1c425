package io.acbench.tasksuite.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import io.acbench.tasksuite.prompt.Turn;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads T-Eval {@code *_v2.json}: a JSON object keyed by record id whose values carry {@code
 * origin_prompt}, {@code ground_truth} and {@code meta_data}; instruct records add {@code
 * template}, plan records {@code meta}.
 */
public final class TevalLoader {

  private static final Set<String> ROLES = Set.of("system", "user", "assistant", "function");
  private static final Set<String> FORMATS = Set.of("json", "str");

  private TevalLoader() {}

  /**
   * Parses the file's bytes.
   *
   * @param file the file name used in error messages
   * @param kind the file's name without {@code _v2.json}, e.g. {@code plan_str}
   * @throws DatasetFormatException naming file, record index and id, and field
   */
  public static List<TevalRecord> parse(String file, String kind, byte[] content) {
    JsonNode root = Json.readDatasetFile(file, content);
    if (root == null || !root.isObject()) {
      throw new DatasetFormatException(file + ": top level must be a JSON object keyed by id");
    }
    List<TevalRecord> records = new ArrayList<>(root.size());
    int index = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); index++) {
      Map.Entry<String, JsonNode> e = it.next();
      records.add(record(file, kind, index, e.getKey(), e.getValue()));
    }
    return records;
  }

  private static TevalRecord record(String file, String kind, int index, String id, JsonNode v) {
    if (!v.isObject()) {
      throw DatasetFormatException.at(file, index, id, "<record>", "must be a JSON object");
    }
    List<Turn> prompt = prompt(file, index, id, v.get("origin_prompt"));
    JsonNode truth = v.get("ground_truth");
    if (truth == null || truth.isNull()) {
      throw DatasetFormatException.at(file, index, id, "ground_truth", "is required");
    }
    JsonNode metaData = v.get("meta_data");
    if (metaData == null || !metaData.isObject()) {
      throw DatasetFormatException.at(file, index, id, "meta_data", "must be a JSON object");
    }
    JsonNode format = metaData.get("response_format");
    if (format == null || !FORMATS.contains(format.asText())) {
      throw DatasetFormatException.at(
          file, index, id, "meta_data.response_format", "must be 'json' or 'str'");
    }
    JsonNode template = v.get("template");
    if (kind.startsWith("instruct") && (template == null || !template.isObject())) {
      throw DatasetFormatException.at(file, index, id, "template", "must be a JSON object");
    }
    JsonNode meta = v.get("meta");
    if (kind.startsWith("plan")) {
      if (meta == null || !meta.isObject()) {
        throw DatasetFormatException.at(file, index, id, "meta", "must be a JSON object");
      }
      if (!meta.path("API_list").isArray()) {
        throw DatasetFormatException.at(file, index, id, "meta.API_list", "must be an array");
      }
    }
    return new TevalRecord(id, prompt, truth, metaData, template, meta);
  }

  private static List<Turn> prompt(String file, int index, String id, JsonNode node) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw DatasetFormatException.at(
          file, index, id, "origin_prompt", "must be a non-empty array");
    }
    List<Turn> turns = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      String field = "origin_prompt[" + i + "]";
      JsonNode m = node.get(i);
      JsonNode role = m.get("role");
      if (role == null || !ROLES.contains(role.asText())) {
        throw DatasetFormatException.at(
            file, index, id, field + ".role", "must be one of system, user, assistant, function");
      }
      JsonNode content = m.get("content");
      if (content == null || !content.isTextual()) {
        throw DatasetFormatException.at(file, index, id, field + ".content", "must be a string");
      }
      turns.add(new Turn(role.asText(), content.asText()));
    }
    return turns;
  }
}
