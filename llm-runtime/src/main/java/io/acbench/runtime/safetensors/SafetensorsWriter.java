package io.acbench.runtime.safetensors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileChannel.MapMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds one safetensors file. The header carries {@code __metadata__ {"format": "pt"}} and is
 * padded with spaces to a multiple of 8 bytes; tensors are laid out by dtype size (largest first),
 * then by name, as the reference writer does, so every tensor starts 8-byte aligned in the file
 * when its predecessors are whole multiples of their element size.
 *
 * <p>Tensor bytes are streamed: the data region of the file is mapped and each {@link TensorSource}
 * writes itself into its slice, so nothing is held twice in memory.
 */
public final class SafetensorsWriter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, TensorSource> tensors = new LinkedHashMap<>();
  private final Map<String, String> metadata = new LinkedHashMap<>();

  /** An empty writer with metadata {@code {"format": "pt"}}. */
  public SafetensorsWriter() {
    metadata.put("format", "pt");
  }

  /** Adds or replaces a {@code __metadata__} entry. */
  public SafetensorsWriter metadata(String key, String value) {
    metadata.put(key, value);
    return this;
  }

  /** Adds a tensor; throws {@link IllegalArgumentException} for a repeated or reserved name. */
  public SafetensorsWriter add(String name, TensorSource source) {
    if (name.equals(SafetensorsHeader.METADATA_KEY)) {
      throw new IllegalArgumentException("tensor name '" + name + "' is reserved");
    }
    if (tensors.putIfAbsent(name, source) != null) {
      throw new IllegalArgumentException("tensor '" + name + "' added twice");
    }
    return this;
  }

  /** Adds float32 values stored as F32, F16 or BF16. */
  public SafetensorsWriter addFloats(String name, DType dtype, float[] values, long... shape) {
    return add(name, named(name, () -> TensorSource.ofFloats(values, dtype, shape)));
  }

  /** Adds int32 values stored as I32. */
  public SafetensorsWriter addInts(String name, int[] values, long... shape) {
    return add(name, named(name, () -> TensorSource.ofInts(values, shape)));
  }

  /** Adds raw little-endian bytes of any dtype. */
  public SafetensorsWriter addBytes(String name, DType dtype, byte[] raw, long... shape) {
    return add(name, named(name, () -> TensorSource.ofBytes(raw, dtype, shape)));
  }

  /** Tensors added so far, in insertion order. */
  public Map<String, TensorSource> tensors() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
  }

  /** Total size of the tensor bytes (the file less its header). */
  public long dataSize() {
    return tensors.values().stream().mapToLong(TensorSource::byteSize).sum();
  }

  /**
   * Writes the file through a temporary sibling that is moved into place when complete.
   *
   * @return the header entries in file order
   */
  public List<TensorInfo> write(Path file) throws IOException {
    List<TensorInfo> layout = layout();
    byte[] header = header(layout);
    long dataStart = 8L + header.length;
    long dataSize = layout.isEmpty() ? 0 : layout.getLast().end();
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE)) {
      ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      prefix.putLong(header.length).flip();
      channel.write(new ByteBuffer[] {prefix, ByteBuffer.wrap(header)});
      if (dataSize > 0) {
        try (Arena arena = Arena.ofShared()) {
          MemorySegment data = channel.map(MapMode.READ_WRITE, dataStart, dataSize, arena);
          for (TensorInfo t : layout) {
            tensors.get(t.name()).writeTo(data.asSlice(t.begin(), t.byteSize()));
          }
          data.force();
        }
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return layout;
  }

  /** Offsets by dtype size descending, then name. */
  private List<TensorInfo> layout() {
    List<String> names = new ArrayList<>(tensors.keySet());
    names.sort(
        Comparator.comparingInt((String n) -> -tensors.get(n).dtype().byteSize())
            .thenComparing(Comparator.naturalOrder()));
    List<TensorInfo> layout = new ArrayList<>();
    long offset = 0;
    for (String name : names) {
      TensorSource source = tensors.get(name);
      long end = offset + source.byteSize();
      layout.add(new TensorInfo(name, source.dtype(), source.shape(), offset, end));
      offset = end;
    }
    return layout;
  }

  private byte[] header(List<TensorInfo> layout) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode meta = root.putObject(SafetensorsHeader.METADATA_KEY);
    metadata.forEach(meta::put);
    for (TensorInfo t : layout) {
      ObjectNode entry = root.putObject(t.name());
      entry.put("dtype", t.dtype().name());
      ArrayNode shape = entry.putArray("shape");
      for (long d : t.shape()) {
        shape.add(d);
      }
      entry.putArray("data_offsets").add(t.begin()).add(t.end());
    }
    byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    byte[] header = new byte[padded];
    System.arraycopy(json, 0, header, 0, json.length);
    for (int i = json.length; i < padded; i++) {
      header[i] = ' ';
    }
    return header;
  }

  private static TensorSource named(String name, Supplier<TensorSource> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("tensor '" + name + "': " + e.getMessage(), e);
    }
  }
}
