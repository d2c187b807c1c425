package io.acbench.runtime.weights;

import io.acbench.runtime.safetensors.DType;
import io.acbench.runtime.safetensors.TensorStore;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A {@link TensorStore} over little-endian off-heap buffers, for tests. Each tensor starts at an
 * odd-by-two byte offset so that readers must cope with unaligned data, as with real mmaps.
 */
final class InMemoryTensorStore implements TensorStore {

  private static final ValueLayout.OfFloat F32 =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfShort I16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfInt I32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private record Entry(DType dtype, long[] shape, MemorySegment data) {}

  private final Arena arena = Arena.ofShared();
  private final Map<String, Entry> tensors = new LinkedHashMap<>();

  private MemorySegment allocate(long bytes) {
    return arena.allocate(bytes + 2, 8).asSlice(2, bytes);
  }

  InMemoryTensorStore putFloats(String name, long[] shape, float[] values) {
    MemorySegment s = allocate(4L * values.length);
    for (int i = 0; i < values.length; i++) {
      s.setAtIndex(F32, i, values[i]);
    }
    tensors.put(name, new Entry(DType.F32, shape, s.asReadOnly()));
    return this;
  }

  /** Stores 16-bit patterns under dtype F16 or BF16. */
  InMemoryTensorStore putHalves(String name, DType dtype, long[] shape, short[] bits) {
    MemorySegment s = allocate(2L * bits.length);
    for (int i = 0; i < bits.length; i++) {
      s.setAtIndex(I16, i, bits[i]);
    }
    tensors.put(name, new Entry(dtype, shape, s.asReadOnly()));
    return this;
  }

  InMemoryTensorStore putInts(String name, long[] shape, int[] values) {
    MemorySegment s = allocate(4L * values.length);
    for (int i = 0; i < values.length; i++) {
      s.setAtIndex(I32, i, values[i]);
    }
    tensors.put(name, new Entry(DType.I32, shape, s.asReadOnly()));
    return this;
  }

  private Entry entry(String name) {
    Entry e = tensors.get(name);
    if (e == null) {
      throw new IllegalArgumentException("no tensor " + name);
    }
    return e;
  }

  @Override
  public Set<String> names() {
    return tensors.keySet();
  }

  @Override
  public DType dtype(String name) {
    return entry(name).dtype();
  }

  @Override
  public long[] shape(String name) {
    return entry(name).shape().clone();
  }

  @Override
  public MemorySegment segment(String name) {
    return entry(name).data();
  }

  @Override
  public float[] readFloats(String name) {
    Entry e = entry(name);
    int n = (int) (e.data().byteSize() / e.dtype().byteSize());
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] =
          switch (e.dtype()) {
            case F32 -> e.data().getAtIndex(F32, i);
            case F16 -> Float.float16ToFloat(e.data().getAtIndex(I16, i));
            case BF16 -> Float.intBitsToFloat((e.data().getAtIndex(I16, i) & 0xFFFF) << 16);
            default -> throw new IllegalArgumentException(name + " is not a float tensor");
          };
    }
    return out;
  }

  @Override
  public int[] readInts(String name) {
    Entry e = entry(name);
    if (e.dtype() != DType.I32) {
      throw new IllegalArgumentException(name + " is not I32");
    }
    int[] out = new int[(int) (e.data().byteSize() / 4)];
    for (int i = 0; i < out.length; i++) {
      out[i] = e.data().getAtIndex(I32, i);
    }
    return out;
  }

  @Override
  public void close() {
    arena.close();
  }
}
