package io.acbench.compressor.walker;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acbench.compressor.rtn.QuantizedWeight;
import io.acbench.runtime.model.DecoderLayer;
import io.acbench.runtime.model.Projection;
import io.acbench.runtime.safetensors.DType;
import io.acbench.runtime.weights.ArrayWeight;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Layer-by-layer progress of one walk on disk, so an interrupted compression (a restarted pod, a
 * killed command) goes on from its last finished layer instead of from layer 0. After every layer
 * the directory gets {@code layer-<i>.bin} (that layer's compressed linears, norms and biases as
 * the walk left them), {@code inputs-<i+1>.bin} (the next layer's calibration inputs) and then
 * {@code walk.json} (layers done, their reports, walk seconds so far), each written to a temporary
 * file and moved into place; {@code walk.json} is the commit point, so a crash at any moment leaves
 * either the old or the new state. The fingerprint (base weights, recipe, calibration windows) must
 * match, otherwise the directory is cleared and the walk starts over.
 */
public final class WalkResume implements AutoCloseable {

  static final String MANIFEST = "walk.json";
  private static final String FORMAT = "acbench-walk/1";
  private static final int LAYER_MAGIC = 0x41434257; // "ACBW"
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = Logger.getLogger(WalkResume.class);

  private final Path dir;
  private final String fingerprint;
  private java.nio.channels.FileChannel lockChannel;
  private java.nio.channels.FileLock lock;

  /**
   * What {@code walk.json} holds.
   *
   * @param format {@value #FORMAT}
   * @param fingerprint what the saved layers were computed from
   * @param layersDone layers {@code [0, layersDone)} are saved
   * @param walkSeconds wall seconds the walk has spent on them, over every segment
   * @param segments processes that have worked on this walk so far
   * @param reports the finished layers' reports
   */
  public record Manifest(
      String format,
      String fingerprint,
      int layersDone,
      double walkSeconds,
      int segments,
      List<WalkReport.LayerReport> reports) {}

  /**
   * @param dir where the progress lives (created on the first save)
   * @param fingerprint identifies the walk (e.g. the variant id)
   */
  public WalkResume(Path dir, String fingerprint) {
    this.dir = dir;
    this.fingerprint = fingerprint;
  }

  public Path dir() {
    return dir;
  }

  /**
   * Takes the directory's lock without waiting; false when another process holds it (that process
   * is walking the same variant, so this walk should neither read nor write the progress).
   */
  public boolean tryLock() throws IOException {
    Path file = lockFile();
    Files.createDirectories(file.getParent());
    lockChannel =
        java.nio.channels.FileChannel.open(
            file, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
    try {
      lock = lockChannel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      lock = null; // held by this JVM
    }
    if (lock == null) {
      lockChannel.close();
      lockChannel = null;
      return false;
    }
    return true;
  }

  /** Releases the lock; its file goes too once the progress is deleted. */
  @Override
  public void close() throws IOException {
    if (lockChannel == null) {
      return;
    }
    lock.release();
    lockChannel.close();
    lockChannel = null;
    if (!Files.exists(dir)) {
      Files.deleteIfExists(lockFile());
    }
  }

  private Path lockFile() {
    Path abs = dir.toAbsolutePath();
    return abs.resolveSibling(abs.getFileName() + ".lock");
  }

  /**
   * The saved progress of this walk, if there is any. A manifest of another walk or one that cannot
   * be read is reported and cleared (the walk then starts over); nothing else is ever deleted.
   */
  public Optional<Manifest> load() {
    Path file = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String reason;
    try {
      Manifest m = JSON.readValue(file.toFile(), Manifest.class);
      if (FORMAT.equals(m.format()) && fingerprint.equals(m.fingerprint())) {
        if (m.layersDone() > 0
            && m.reports().size() == m.layersDone()
            && Files.isRegularFile(inputsFile(m.layersDone()))) {
          return Optional.of(m);
        }
        reason = "its files are incomplete";
      } else {
        reason = "it belongs to another walk (" + m.fingerprint() + ")";
      }
    } catch (IOException e) {
      reason = "it cannot be read: " + e.getMessage();
    }
    LOG.warnf("discarding saved walk progress in %s: %s; starting from layer 0", dir, reason);
    clear();
    return Optional.empty();
  }

  /**
   * Puts saved layer {@code layer.index()} back: its norms and biases as the walk left them, its
   * deployed linears into the layer, and every compressed linear into {@code sink}.
   */
  void replay(DecoderLayer layer, LinearSink sink, DType denseDtype) {
    Path file = layerFile(layer.index());
    try (DataInputStream in = open(file)) {
      if (in.readInt() != LAYER_MAGIC || in.readInt() != layer.index()) {
        throw new IOException("not the saved state of layer " + layer.index());
      }
      readInto(in, layer.inputNorm().weight());
      readInto(in, layer.postAttentionNorm().weight());
      for (Projection p : Projection.values()) {
        if (in.readBoolean()) {
          readInto(in, layer.bias(p));
        }
      }
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        CompressedLinear l = readLinear(in, layer.index(), denseDtype);
        layer.replaceLinear(
            l.projection(), new ArrayWeight(l.prefix(), l.rows(), l.cols(), l.deployed()));
        sink.accept(l);
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "saved walk progress "
              + file
              + " is damaged ("
              + e.getMessage()
              + "); delete "
              + dir
              + " to start over",
          e);
    }
  }

  /** The calibration inputs of layer {@code layer}, {@code (nsamples)(seqLen · hidden)}. */
  float[][] inputs(int layer, int nsamples, int length) {
    Path file = inputsFile(layer);
    try (DataInputStream in = open(file)) {
      int n = in.readInt();
      int len = in.readInt();
      if (n != nsamples || len != length) {
        throw new IOException(
            "holds " + n + " × " + len + " values, the walk needs " + nsamples + " × " + length);
      }
      float[][] inputs = new float[n][len];
      for (float[] x : inputs) {
        readInto(in, x);
      }
      return inputs;
    } catch (IOException e) {
      throw new IllegalStateException(
          "saved walk inputs " + file + " are damaged (" + e.getMessage() + ")", e);
    }
  }

  /** Records that {@code layer} is done; {@code next} are the next layer's inputs. */
  void save(
      DecoderLayer layer,
      List<CompressedLinear> linears,
      float[][] next,
      List<WalkReport.LayerReport> reports,
      double walkSeconds,
      int segments) {
    int index = layer.index();
    try {
      Files.createDirectories(dir);
      writeAtomically(layerFile(index), out -> writeLayer(out, layer, linears));
      writeAtomically(
          inputsFile(index + 1),
          out -> {
            out.writeInt(next.length);
            out.writeInt(next.length == 0 ? 0 : next[0].length);
            for (float[] x : next) {
              writeFloats(out, x);
            }
          });
      Manifest m =
          new Manifest(FORMAT, fingerprint, index + 1, walkSeconds, segments, List.copyOf(reports));
      Path tmp = dir.resolve(MANIFEST + ".tmp");
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), m);
      Files.move(
          tmp,
          dir.resolve(MANIFEST),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      Files.deleteIfExists(inputsFile(index));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save walk progress in " + dir, e);
    }
  }

  /** Deletes the saved progress (after the checkpoint is written, or when it is unusable). */
  public void clear() {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete walk progress in " + dir, e);
    }
  }

  private Path layerFile(int layer) {
    return dir.resolve(String.format("layer-%04d.bin", layer));
  }

  private Path inputsFile(int layer) {
    return dir.resolve(String.format("inputs-%04d.bin", layer));
  }

  private static void writeLayer(
      DataOutputStream out, DecoderLayer layer, List<CompressedLinear> ls) throws IOException {
    out.writeInt(LAYER_MAGIC);
    out.writeInt(layer.index());
    writeFloats(out, layer.inputNorm().weight());
    writeFloats(out, layer.postAttentionNorm().weight());
    for (Projection p : Projection.values()) {
      float[] bias = layer.bias(p);
      out.writeBoolean(bias != null);
      if (bias != null) {
        writeFloats(out, bias);
      }
    }
    out.writeInt(ls.size());
    for (CompressedLinear l : ls) {
      out.writeInt(l.projection().ordinal());
      out.writeInt(l.rows());
      out.writeInt(l.cols());
      writeFloats(out, l.algorithmWeight());
      QuantizedWeight q = l.quantized();
      out.writeBoolean(q != null);
      if (q != null) {
        out.writeInt(q.groups());
        writeCodes(out, q.codes());
        writeFloats(out, q.scales());
        writeFloats(out, q.zeros());
        writeInts(out, q.gIdx());
        boolean same = Arrays.equals(q.weight(), l.algorithmWeight());
        out.writeBoolean(same);
        if (!same) {
          writeFloats(out, q.weight());
        }
      }
    }
  }

  /**
   * A saved linear; {@code deployed} is recomputed exactly as the walk's commit computed it
   * (f16-scale dequantization for quantizers, rounding to the dense dtype for pruners).
   */
  private static CompressedLinear readLinear(DataInputStream in, int layer, DType denseDtype)
      throws IOException {
    Projection p = Projection.values()[in.readInt()];
    int rows = in.readInt();
    int cols = in.readInt();
    float[] algorithmWeight = readFloats(in);
    if (!in.readBoolean()) {
      return new CompressedLinear(
          layer,
          p,
          rows,
          cols,
          algorithmWeight,
          Deployment.dense(algorithmWeight, denseDtype),
          null);
    }
    int groups = in.readInt();
    int[] codes = readCodes(in);
    float[] scales = readFloats(in);
    float[] zeros = readFloats(in);
    int[] gIdx = readInts(in);
    float[] weight = in.readBoolean() ? algorithmWeight : readFloats(in);
    QuantizedWeight q = new QuantizedWeight(rows, cols, groups, codes, scales, zeros, gIdx, weight);
    return new CompressedLinear(layer, p, rows, cols, algorithmWeight, Deployment.quantized(q), q);
  }

  private interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  private static void writeAtomically(Path file, Body body) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20))) {
      body.write(out);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static DataInputStream open(Path file) throws IOException {
    return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20));
  }

  private static void writeFloats(DataOutputStream out, float[] x) throws IOException {
    out.writeInt(x.length);
    byte[] buf = new byte[4 * Math.min(x.length, 1 << 16)];
    for (int i = 0; i < x.length; ) {
      int n = Math.min(x.length - i, buf.length / 4);
      java.nio.ByteBuffer.wrap(buf).asFloatBuffer().put(x, i, n);
      out.write(buf, 0, 4 * n);
      i += n;
    }
  }

  private static float[] readFloats(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      throw new IOException("negative array length " + length);
    }
    float[] x = new float[length];
    readBody(in, x);
    return x;
  }

  private static void readInto(DataInputStream in, float[] target) throws IOException {
    int length = in.readInt();
    if (target == null || length != target.length) {
      throw new IOException(
          "saved array has "
              + length
              + " values, the model's has "
              + (target == null ? "none" : target.length));
    }
    readBody(in, target);
  }

  private static void readBody(DataInputStream in, float[] x) throws IOException {
    byte[] buf = new byte[4 * Math.min(Math.max(x.length, 1), 1 << 16)];
    for (int i = 0; i < x.length; ) {
      int n = Math.min(x.length - i, buf.length / 4);
      in.readFully(buf, 0, 4 * n);
      java.nio.ByteBuffer.wrap(buf, 0, 4 * n).asFloatBuffer().get(x, i, n);
      i += n;
    }
  }

  private static void writeInts(DataOutputStream out, int[] x) throws IOException {
    out.writeInt(x.length);
    for (int v : x) {
      out.writeInt(v);
    }
  }

  private static int[] readInts(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      throw new IOException("negative array length " + length);
    }
    int[] x = new int[length];
    for (int i = 0; i < length; i++) {
      x[i] = in.readInt();
    }
    return x;
  }

  /** Codes as one byte each when they all fit (4- and 8-bit quantizers), else as ints. */
  private static void writeCodes(DataOutputStream out, int[] codes) throws IOException {
    boolean bytes = Arrays.stream(codes).allMatch(c -> c >= 0 && c < 256);
    out.writeBoolean(bytes);
    if (!bytes) {
      writeInts(out, codes);
      return;
    }
    out.writeInt(codes.length);
    byte[] b = new byte[codes.length];
    for (int i = 0; i < codes.length; i++) {
      b[i] = (byte) codes[i];
    }
    out.write(b);
  }

  private static int[] readCodes(DataInputStream in) throws IOException {
    if (!in.readBoolean()) {
      return readInts(in);
    }
    int length = in.readInt();
    if (length < 0) {
      throw new IOException("negative array length " + length);
    }
    byte[] b = new byte[length];
    in.readFully(b);
    int[] codes = new int[length];
    for (int i = 0; i < length; i++) {
      codes[i] = b[i] & 0xff;
    }
    return codes;
  }
}
