package io.acbench.runtime.tokenizer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Token strings and ids read from {@code tokenizer.json}: the model vocabulary ({@code
 * model.vocab}, a map for BPE/WordPiece or a list of {@code [piece, score]} for Unigram) plus
 * {@code added_tokens}. DJL's binding has no id lookup, so the runtime keeps its own table.
 */
final class Vocabulary {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Integer> ids = new HashMap<>();
  private final Map<Integer, String> tokens = new HashMap<>();
  private final Set<Integer> specialIds = new TreeSet<>();
  private int size;

  private Vocabulary() {}

  /** Reads the vocabulary; {@code json} is the file's text, {@code file} names it in errors. */
  static Vocabulary parse(Path file, String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new TokenizerException(
          "malformed " + file + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw new TokenizerException("malformed " + file + ": the top level must be a JSON object");
    }
    JsonNode vocab = root.path("model").path("vocab");
    Vocabulary v = new Vocabulary();
    if (vocab.isObject()) {
      vocab.properties().forEach(e -> v.put(file, e.getKey(), e.getValue(), "model.vocab"));
    } else if (vocab.isArray()) {
      for (int i = 0; i < vocab.size(); i++) {
        v.put(file, vocab.get(i).path(0).asText(), JSON.getNodeFactory().numberNode(i), "");
      }
    } else {
      throw new TokenizerException("malformed " + file + ": model.vocab is missing");
    }
    for (JsonNode added : root.path("added_tokens")) {
      v.put(file, added.path("content").asText(), added.path("id"), "added_tokens");
      if (added.path("special").asBoolean(false)) {
        v.specialIds.add(added.path("id").asInt());
      }
    }
    return v;
  }

  static Vocabulary read(Path file) {
    try {
      return parse(file, Files.readString(file));
    } catch (IOException e) {
      throw new TokenizerException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private void put(Path file, String token, JsonNode id, String field) {
    if (!id.canConvertToInt() || id.asInt() < 0) {
      throw new TokenizerException(
          "malformed " + file + ": " + field + " id of token '" + token + "' is not an int >= 0");
    }
    ids.put(token, id.asInt());
    tokens.put(id.asInt(), token);
    size = Math.max(size, id.asInt() + 1);
  }

  /** The id of a token string, or -1. */
  int id(String token) {
    return ids.getOrDefault(token, -1);
  }

  /** The token string of an id, or null when the id is unused. */
  String token(int id) {
    return tokens.get(id);
  }

  /** One more than the largest id. */
  int size() {
    return size;
  }

  Set<Integer> specialIds() {
    return Collections.unmodifiableSet(specialIds);
  }
}
