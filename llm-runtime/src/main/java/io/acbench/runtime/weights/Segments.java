package io.acbench.runtime.weights;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Little-endian off-heap copies of arrays, for weights built in memory rather than mapped. */
final class Segments {

  private static final ValueLayout.OfInt I32_LE =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private Segments() {}

  /** A read-only segment of {@code values} as little-endian int32, freed by the GC. */
  static MemorySegment intsLittleEndian(int[] values) {
    MemorySegment segment = Arena.ofAuto().allocate(4L * values.length, 64);
    for (int i = 0; i < values.length; i++) {
      segment.setAtIndex(I32_LE, i, values[i]);
    }
    return segment.asReadOnly();
  }
}
