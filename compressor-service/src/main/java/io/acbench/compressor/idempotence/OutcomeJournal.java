package io.acbench.compressor.idempotence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import org.jboss.logging.Logger;

/**
 * Append-only record of finished (evaluation, variant) pairs, {@value #FILE} under its directory:
 * one line per {@link Outcome}, {@code {"crc32": "<8 hex>", "outcome": {...}}}, where the CRC-32
 * covers the {@code outcome} object's JSON text. Each line is forced to disk before {@link #record}
 * returns. On open, a line that does not parse, fails its checksum, lacks a field or ends without a
 * newline (a crash mid-write) is reported ({@link #problems()}, a warning in the log) and skipped;
 * the file is never rewritten, and the next record starts on a fresh line. When a pair appears
 * twice the later line wins.
 */
public final class OutcomeJournal implements AutoCloseable {

  public static final String FILE = "outcomes.journal";

  private static final Logger LOG = Logger.getLogger(OutcomeJournal.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final FileChannel channel;
  private final Map<String, Outcome> outcomes;
  private final List<String> problems;
  private boolean needsNewline;

  private OutcomeJournal(
      Path file,
      FileChannel channel,
      Map<String, Outcome> outcomes,
      List<String> problems,
      boolean needsNewline) {
    this.file = file;
    this.channel = channel;
    this.outcomes = outcomes;
    this.problems = List.copyOf(problems);
    this.needsNewline = needsNewline;
  }

  /** Opens (or creates) the journal in {@code dir} and reads what it holds. */
  public static OutcomeJournal open(Path dir) {
    Path file = dir.resolve(FILE);
    try {
      Files.createDirectories(dir);
      boolean created = !Files.exists(file);
      byte[] bytes = created ? new byte[0] : Files.readAllBytes(file);
      Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
      List<String> problems = new ArrayList<>();
      read(file, new String(bytes, StandardCharsets.UTF_8), outcomes, problems);
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      if (created) {
        channel.force(true);
        forceDirectory(dir);
      }
      boolean torn = bytes.length > 0 && bytes[bytes.length - 1] != '\n';
      LOG.infof("outcome journal %s: %d finished variants", file, outcomes.size());
      return new OutcomeJournal(file, channel, outcomes, problems, torn);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open outcome journal " + file + ": " + e, e);
    }
  }

  /** The recorded outcome of (evaluation, variant), if it finished. */
  public Optional<Outcome> find(String evaluationId, String variantId) {
    return Optional.ofNullable(outcomes.get(Outcome.key(evaluationId, variantId)));
  }

  /** Finished pairs read or recorded so far. */
  public int size() {
    return outcomes.size();
  }

  /** The lines skipped when the journal was opened, each naming the file, line and reason. */
  public List<String> problems() {
    return problems;
  }

  /** Appends {@code outcome} and forces it to disk. */
  public synchronized void record(Outcome outcome) {
    String line = line(outcome);
    byte[] bytes = ((needsNewline ? "\n" : "") + line + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to outcome journal " + file + ": " + e, e);
    }
    needsNewline = false;
    outcomes.put(outcome.key(), outcome);
  }

  /** The journal line of {@code outcome}, without the newline. */
  static String line(Outcome outcome) {
    ObjectNode o = JSON.createObjectNode();
    o.put("evaluationId", outcome.evaluationId());
    o.put("variantId", outcome.variantId());
    o.put("topic", outcome.topic());
    o.put("event", outcome.eventJson());
    ArrayNode regs = o.putArray("registrations");
    for (Outcome.Registration r : outcome.registrations()) {
      regs.addObject().put("modelName", r.modelName()).put("entry", r.entry().toString());
    }
    String body = o.toString();
    return "{\"crc32\":\"" + crc32(body) + "\",\"outcome\":" + body + "}";
  }

  private static void read(
      Path file, String text, Map<String, Outcome> outcomes, List<String> problems) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      boolean last = i == lines.length - 1;
      if (line.isBlank()) {
        continue;
      }
      String where = file + " line " + (i + 1);
      if (last) {
        report(problems, where + ": no newline at its end (torn by a crash mid-write): skipped");
        continue;
      }
      try {
        Outcome o = parse(line);
        outcomes.put(o.key(), o);
      } catch (IOException | RuntimeException e) {
        report(problems, where + ": " + e.getMessage() + ": skipped");
      }
    }
  }

  static Outcome parse(String line) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(line);
    } catch (IOException e) {
      throw new IOException("not valid JSON", e);
    }
    JsonNode body = root == null ? null : root.get("outcome");
    if (body == null || !body.isObject() || !root.path("crc32").isTextual()) {
      throw new IOException("not a journal entry (needs 'crc32' and 'outcome')");
    }
    if (!crc32(body.toString()).equals(root.get("crc32").asText())) {
      throw new IOException("checksum mismatch");
    }
    List<Outcome.Registration> regs = new ArrayList<>();
    for (JsonNode r : body.path("registrations")) {
      regs.add(new Outcome.Registration(text(r, "modelName"), Path.of(text(r, "entry"))));
    }
    Outcome o =
        new Outcome(
            text(body, "evaluationId"),
            text(body, "variantId"),
            text(body, "topic"),
            text(body, "event"),
            regs);
    o.event(); // the recorded event must still read as one
    return o;
  }

  private static String text(JsonNode node, String field) throws IOException {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new IOException("field '" + field + "' must be a string");
    }
    return v.asText();
  }

  private static String crc32(String text) {
    CRC32 crc = new CRC32();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().toHexDigits((int) crc.getValue());
  }

  private static void report(List<String> problems, String problem) {
    LOG.warnf("outcome journal %s", problem);
    problems.add(problem);
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      LOG.debugf("cannot fsync directory %s (%s): the new journal's entry may lag", dir, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close outcome journal " + file, e);
    }
  }
}
