package io.acbench.runtime.tokenizer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parts of a Hugging Face {@code tokenizer_config.json} the runtime uses.
 *
 * @param bosToken {@code bos_token} (a string or an AddedToken object in the file), or null
 * @param eosToken {@code eos_token}, or null
 * @param padToken {@code pad_token}, or null
 * @param addBosToken {@code add_bos_token}, false when absent
 * @param chatTemplates {@code chat_template}: a single string is stored under {@code default}; a
 *     list of {@code {"name", "template"}} objects keeps its names, in file order
 */
public record TokenizerSettings(
    String bosToken,
    String eosToken,
    String padToken,
    boolean addBosToken,
    Map<String, String> chatTemplates) {

  public static final String DEFAULT_TEMPLATE = "default";

  private static final ObjectMapper JSON = new ObjectMapper();

  public TokenizerSettings {
    chatTemplates = Collections.unmodifiableMap(new LinkedHashMap<>(chatTemplates));
  }

  /** Settings of a model without a {@code tokenizer_config.json}. */
  public static TokenizerSettings empty() {
    return new TokenizerSettings(null, null, null, false, Map.of());
  }

  /**
   * Reads {@code tokenizer_config.json}.
   *
   * @throws TokenizerException naming the file when it is missing, not JSON, or has a field of the
   *     wrong type
   */
  public static TokenizerSettings read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new TokenizerException("missing " + file);
    } catch (JacksonException e) {
      throw new TokenizerException(
          "malformed " + file + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new TokenizerException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new TokenizerException("malformed " + file + ": the top level must be a JSON object");
    }
    JsonNode addBos = root.path("add_bos_token");
    if (!addBos.isMissingNode() && !addBos.isNull() && !addBos.isBoolean()) {
      throw new TokenizerException(file + ": field add_bos_token must be a boolean");
    }
    return new TokenizerSettings(
        tokenText(file, root, "bos_token"),
        tokenText(file, root, "eos_token"),
        tokenText(file, root, "pad_token"),
        addBos.asBoolean(false),
        chatTemplates(file, root.path("chat_template")));
  }

  private static String tokenText(Path file, JsonNode root, String field) {
    JsonNode node = root.path(field);
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isObject() && node.path("content").isTextual()) {
      return node.path("content").asText();
    }
    throw new TokenizerException(
        file + ": field " + field + " must be a string or an object with a string 'content'");
  }

  private static Map<String, String> chatTemplates(Path file, JsonNode node) {
    Map<String, String> templates = new LinkedHashMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return templates;
    }
    if (node.isTextual()) {
      templates.put(DEFAULT_TEMPLATE, node.asText());
      return templates;
    }
    if (!node.isArray()) {
      throw new TokenizerException(
          file + ": field chat_template must be a string or a list of {name, template} objects");
    }
    for (JsonNode entry : node) {
      if (!entry.path("name").isTextual() || !entry.path("template").isTextual()) {
        throw new TokenizerException(
            file + ": every chat_template list entry needs string fields 'name' and 'template'");
      }
      templates.put(entry.path("name").asText(), entry.path("template").asText());
    }
    return templates;
  }
}
