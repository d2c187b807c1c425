package io.acbench.runtime.safetensors;

import java.lang.foreign.MemorySegment;
import java.util.Set;

/**
 * Read access to the named tensors of a checkpoint (one safetensors file or a sharded set).
 *
 * <p>Segments are memory-mapped views, valid until {@link #close()}; they are read-only and
 * little-endian, as the format stores them.
 */
public interface TensorStore extends AutoCloseable {

  /** Names of all tensors, across every shard. */
  Set<String> names();

  /** Whether a tensor of this name exists. */
  default boolean contains(String name) {
    return names().contains(name);
  }

  /** Element type of the named tensor; throws {@link IllegalArgumentException} if absent. */
  DType dtype(String name);

  /**
   * Shape of the named tensor (a fresh copy); throws {@link IllegalArgumentException} if absent.
   */
  long[] shape(String name);

  /** The raw bytes of the named tensor as a read-only mapped segment. */
  MemorySegment segment(String name);

  /** The named tensor converted to float32 (from F32, F16 or BF16), row-major. */
  float[] readFloats(String name);

  /** The named tensor converted to int32 (from I32, I64, I16, I8, U8 or BOOL), row-major. */
  int[] readInts(String name);

  @Override
  void close();
}
