package io.acbench.compressor.calibration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Calibration text from a user file: {@code .txt} holds documents separated by blank lines; {@code
 * .jsonl} holds one JSON object per line with a string field {@code text}. Errors name the file and
 * the line.
 */
public final class CalibrationFiles {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CalibrationFiles() {}

  /** Reads {@code file} by its extension ({@code .txt} or {@code .jsonl}). */
  public static CalibrationSource read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("calibration file " + file + " does not exist");
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read calibration file " + file, e);
    }
    List<String> docs;
    if (name.endsWith(".jsonl")) {
      docs = jsonl(file, content);
    } else if (name.endsWith(".txt")) {
      docs = text(content);
    } else {
      throw new IllegalArgumentException(
          "calibration file " + file + ": extension must be .txt or .jsonl");
    }
    if (docs.isEmpty()) {
      throw new IllegalArgumentException("calibration file " + file + " holds no text");
    }
    return new Fixed(List.copyOf(docs), "file " + file.getFileName());
  }

  /** Documents of a text file: runs of non-blank lines. */
  static List<String> text(String content) {
    List<String> docs = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : content.split("\\R", -1)) {
      if (line.isBlank()) {
        flush(current, docs);
      } else {
        if (!current.isEmpty()) {
          current.append('\n');
        }
        current.append(line);
      }
    }
    flush(current, docs);
    return docs;
  }

  private static List<String> jsonl(Path file, String content) {
    List<String> docs = new ArrayList<>();
    String[] lines = content.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      String where = "calibration file " + file.getFileName() + " line " + (i + 1);
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(
            where + ": not valid JSON (" + e.getOriginalMessage() + ")");
      }
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException(where + ": must be a JSON object");
      }
      JsonNode text = node.get("text");
      if (text == null || !text.isTextual()) {
        throw new IllegalArgumentException(where + ": field 'text' must be a string");
      }
      if (!text.asText().isBlank()) {
        docs.add(text.asText());
      }
    }
    return docs;
  }

  private static void flush(StringBuilder current, List<String> docs) {
    if (!current.isEmpty()) {
      docs.add(current.toString());
      current.setLength(0);
    }
  }

  /** A fixed list of documents. */
  public record Fixed(List<String> documents, String description) implements CalibrationSource {
    public Fixed {
      if (documents.isEmpty()) {
        throw new IllegalArgumentException("calibration needs at least one document");
      }
      documents = List.copyOf(documents);
    }
  }
}
