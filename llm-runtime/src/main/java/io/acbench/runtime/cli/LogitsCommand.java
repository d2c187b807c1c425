package io.acbench.runtime.cli;

import io.acbench.runtime.model.Transformer;
import io.acbench.runtime.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code logits}: the logits of every position of a text, written to a binary file.
 *
 * <p>Layout, all little-endian:
 *
 * <pre>
 * offset 0   4 bytes  magic "ACBL"
 * offset 4   int32    format version, 1
 * offset 8   int32    P, number of positions (prompt tokens, special tokens included)
 * offset 12  int32    V, vocabulary size
 * offset 16  int32[P] token ids
 * then       float32[P][V] logits, row-major: position p, token v at 16 + 4P + 4(pV + v)
 * </pre>
 */
final class LogitsCommand {

  static final String USAGE = "logits --model DIR --text TEXT --out FILE";

  static final String LAYOUT =
      "layout (little-endian): magic \"ACBL\" | int32 version=1 | int32 positions P | int32 vocab V"
          + " | int32[P] token ids | float32[P][V] logits, row-major";

  static final int VERSION = 1;

  private LogitsCommand() {}

  static void run(String[] args, PrintStream out) throws IOException {
    CliArgs a = new CliArgs("logits", args, Set.of("model", "text", "out"), Set.of());
    Path dir = a.path("model");
    String text = a.required("text");
    Path file = a.path("out");
    try (Transformer model = Transformer.load(dir);
        Tokenizer tokenizer = Tokenizer.load(dir)) {
      int[] ids = tokenizer.encode(text, true);
      if (ids.length == 0) {
        throw new UsageException("logits: --text encodes to no tokens");
      }
      float[] logits = model.forward(ids); // (P, V)
      int vocab = model.config().vocabSize();
      write(file, ids, logits, vocab);
      out.printf("wrote logits of %d positions x %d vocab to %s%n", ids.length, vocab, file);
      out.println(LAYOUT);
    }
  }

  static void write(Path file, int[] ids, float[] logits, int vocab) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(16 + 4 * ids.length).order(ByteOrder.LITTLE_ENDIAN);
    header.put(new byte[] {'A', 'C', 'B', 'L'}).putInt(VERSION).putInt(ids.length).putInt(vocab);
    for (int id : ids) {
      header.putInt(id);
    }
    try (OutputStream os = Files.newOutputStream(file)) {
      os.write(header.array());
      ByteBuffer row = ByteBuffer.allocate(4 * vocab).order(ByteOrder.LITTLE_ENDIAN);
      for (int p = 0; p < ids.length; p++) {
        row.clear();
        row.asFloatBuffer().put(logits, p * vocab, vocab);
        os.write(row.array());
      }
    }
  }
}
