package io.acbench.tasksuite.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads WorfBench {@code graph_eval.json}: a JSON array of {@code {source, id, category, target,
 * conversations: [{role, content}, ...]}} whose conversation is system, user, ..., assistant.
 */
public final class WorfbenchLoader {

  private WorfbenchLoader() {}

  /**
   * Parses the file's bytes.
   *
   * @param file the file name used in error messages
   * @throws DatasetFormatException naming file, record index and field
   */
  public static List<WorfbenchRecord> parse(String file, byte[] content) {
    JsonNode root = Json.readDatasetFile(file, content);
    if (root == null || !root.isArray()) {
      throw new DatasetFormatException(file + ": top level must be a JSON array of records");
    }
    List<WorfbenchRecord> records = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      records.add(record(file, i, root.get(i)));
    }
    return records;
  }

  private static WorfbenchRecord record(String file, int index, JsonNode node) {
    if (!node.isObject()) {
      throw DatasetFormatException.at(file, index, null, "<record>", "must be a JSON object");
    }
    String id = text(file, index, null, node, "id");
    String source = text(file, index, id, node, "source");
    JsonNode conversations = node.get("conversations");
    if (conversations == null || !conversations.isArray()) {
      throw DatasetFormatException.at(file, index, id, "conversations", "must be an array");
    }
    if (conversations.size() < 3) {
      throw DatasetFormatException.at(
          file, index, id, "conversations", "must hold system, user and assistant messages");
    }
    String system = message(file, index, id, conversations, 0, "system");
    String user = message(file, index, id, conversations, 1, "user");
    String gold = message(file, index, id, conversations, conversations.size() - 1, "assistant");
    return new WorfbenchRecord(id, source, system, user, gold);
  }

  private static String message(
      String file, int index, String id, JsonNode conversations, int at, String role) {
    JsonNode m = conversations.get(at);
    String field = "conversations[" + at + "]";
    if (!m.isObject()) {
      throw DatasetFormatException.at(file, index, id, field, "must be a JSON object");
    }
    JsonNode r = m.get("role");
    if (r == null || !role.equals(r.asText())) {
      throw DatasetFormatException.at(file, index, id, field + ".role", "must be '" + role + "'");
    }
    JsonNode c = m.get("content");
    if (c == null || !c.isTextual()) {
      throw DatasetFormatException.at(file, index, id, field + ".content", "must be a string");
    }
    return c.asText();
  }

  static String text(String file, int index, String id, JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw DatasetFormatException.at(file, index, id, field, "must be a non-empty string");
    }
    return v.asText();
  }
}
