package io.acbench.runtime.safetensors;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.channels.FileChannel.MapMode;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One safetensors file, memory-mapped read-only through the FFM API. All offsets are longs, so
 * files over 2 GB map as one segment. The header is validated strictly on open.
 *
 * <p>Segments handed out stay valid until {@link #close()}; the mapping is shared, so several
 * threads may read at once.
 */
public final class SafetensorsFile implements TensorStore {

  private final Path path;
  private final Arena arena;
  private final MemorySegment buffer;
  private final SafetensorsHeader header;
  private boolean closed;

  private SafetensorsFile(Path path, Arena arena, MemorySegment buffer, SafetensorsHeader header) {
    this.path = path;
    this.arena = arena;
    this.buffer = buffer;
    this.header = header;
  }

  /**
   * Maps and validates a safetensors file.
   *
   * @throws IOException when the file cannot be read
   * @throws SafetensorsFormatException when the file breaks the format
   */
  public static SafetensorsFile open(Path file) throws IOException {
    Arena arena = Arena.ofShared();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      MemorySegment whole = channel.map(MapMode.READ_ONLY, 0, channel.size(), arena);
      SafetensorsHeader header = SafetensorsHeader.parse(file, whole);
      MemorySegment buffer = whole.asSlice(header.dataStart()).asReadOnly();
      return new SafetensorsFile(file, arena, buffer, header);
    } catch (IOException | RuntimeException e) {
      arena.close();
      throw e;
    }
  }

  /** The file this store maps. */
  public Path path() {
    return path;
  }

  /** The {@code __metadata__} entries (empty when the header has none). */
  public Map<String, String> metadata() {
    return Collections.unmodifiableMap(header.metadata());
  }

  /** Header entries in byte-buffer order. */
  public List<TensorInfo> tensors() {
    return List.copyOf(header.tensors().values());
  }

  /** The header entry of the named tensor; throws {@link IllegalArgumentException} if absent. */
  public TensorInfo info(String name) {
    TensorInfo info = header.tensors().get(name);
    if (info == null) {
      throw new IllegalArgumentException(path + ": no tensor named '" + name + "'");
    }
    return info;
  }

  /** Size of the byte buffer that follows the header. */
  public long dataSize() {
    return buffer.byteSize();
  }

  @Override
  public Set<String> names() {
    return Collections.unmodifiableSet(header.tensors().keySet());
  }

  @Override
  public boolean contains(String name) {
    return header.tensors().containsKey(name);
  }

  @Override
  public DType dtype(String name) {
    return info(name).dtype();
  }

  @Override
  public long[] shape(String name) {
    return info(name).shape();
  }

  @Override
  public MemorySegment segment(String name) {
    TensorInfo info = info(name);
    return buffer.asSlice(info.begin(), info.byteSize());
  }

  @Override
  public float[] readFloats(String name) {
    TensorInfo info = info(name);
    return TensorDecoding.toFloats(path, info, segment(name));
  }

  @Override
  public int[] readInts(String name) {
    TensorInfo info = info(name);
    return TensorDecoding.toInts(path, info, segment(name));
  }

  /** Unmaps the file; later segment access fails. Closing twice is harmless. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      arena.close();
    }
  }

  @Override
  public String toString() {
    return "SafetensorsFile[" + path + ", " + header.tensors().size() + " tensors]";
  }
}
