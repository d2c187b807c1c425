package io.acbench.taskrunner.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.acbench.tasksuite.Digests;
import io.acbench.tasksuite.dataset.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Append-only journal of one (evaluation, variant, task): one JSON line per sample whose {@code
 * sample.completed} the broker acknowledged ({@code {"s": sampleId, "d": contentDigest}}) and one
 * when the task finished ({@code {"t": sampleCount}}). Each line is forced to disk before the call
 * returns. A torn last line (a crash mid-write, no newline) is ignored when the journal is read
 * again, so the sample it named is simply sent again with the same content.
 */
public final class RunJournal implements AutoCloseable {

  private final Path file;
  private final FileChannel channel;
  private final Map<String, String> emitted;
  private OptionalInt completed;

  private RunJournal(
      Path file, FileChannel channel, Map<String, String> emitted, OptionalInt done) {
    this.file = file;
    this.channel = channel;
    this.emitted = emitted;
    this.completed = done;
  }

  /** Opens (or creates) the journal of a task run under {@code dir}. */
  public static RunJournal open(Path dir, String evaluationId, String variantId, String taskId) {
    Path file = dir.resolve(Digests.sha256Of(evaluationId, variantId, taskId) + ".journal");
    Map<String, String> emitted = new LinkedHashMap<>();
    OptionalInt done = OptionalInt.empty();
    try {
      Files.createDirectories(dir);
      if (Files.exists(file)) {
        done = read(file, emitted);
      }
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      channel.position(validLength(file));
      channel.truncate(channel.position());
      return new RunJournal(file, channel, emitted, done);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open run journal " + file + ": " + e.getMessage(), e);
    }
  }

  /** Samples already acknowledged, with their content digests. */
  public synchronized Map<String, String> emitted() {
    return Map.copyOf(emitted);
  }

  /** The sample count when the task already finished. */
  public synchronized OptionalInt completed() {
    return completed;
  }

  /** Records an acknowledged sample. */
  public synchronized void recordSample(String sampleId, String contentDigest) {
    append(Json.canonical(Map.of("s", sampleId, "d", contentDigest)));
    emitted.put(sampleId, contentDigest);
  }

  /** Records the finished task. */
  public synchronized void recordCompleted(int sampleCount) {
    append(Json.canonical(Map.of("t", sampleCount)));
    completed = OptionalInt.of(sampleCount);
  }

  private void append(String line) {
    try {
      ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to run journal " + file, e);
    }
  }

  private static OptionalInt read(Path file, Map<String, String> emitted) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String[] lines = text.substring(0, text.lastIndexOf('\n') + 1).split("\n");
    OptionalInt done = OptionalInt.empty();
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      JsonNode node;
      try {
        node = Json.MAPPER.readTree(lines[i]);
      } catch (IOException e) {
        throw new IOException(file + ": line " + (i + 1) + " is not a journal entry", e);
      }
      if (node.has("s") && node.has("d")) {
        emitted.put(node.get("s").asText(), node.get("d").asText());
      } else if (node.has("t")) {
        done = OptionalInt.of(node.get("t").asInt());
      } else {
        throw new IOException(file + ": line " + (i + 1) + " has neither 's' nor 't'");
      }
    }
    return done;
  }

  private static long validLength(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int last = bytes.length - 1;
    while (last >= 0 && bytes[last] != '\n') {
      last--;
    }
    return last + 1L;
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close run journal " + file, e);
    }
  }
}
