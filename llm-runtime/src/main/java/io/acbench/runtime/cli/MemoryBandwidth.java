package io.acbench.runtime.cli;

import io.acbench.runtime.kernels.ParallelFor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.DoubleAdder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Streaming-read bandwidth: sums an off-heap buffer much larger than the caches with the Vector
 * API, split over a thread pool; the best of several runs, in bytes per second.
 */
final class MemoryBandwidth {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int CHUNKS_PER_THREAD = 8;

  /** Untimed passes first, so the summing loop runs C2-compiled when timed. */
  private static final int WARMUP_RUNS = 4;

  private MemoryBandwidth() {}

  /** Best read bandwidth over {@code runs} passes over a {@code bytes}-byte buffer. */
  static double measure(long bytes, int runs, ParallelFor pool) {
    try (Arena arena = Arena.ofShared()) {
      MemorySegment buffer = arena.allocate(bytes, 64);
      buffer.fill((byte) 0x3f); // every float reads 0.747, so the sum cannot be folded away
      for (int r = 0; r < WARMUP_RUNS; r++) {
        sum(buffer, pool);
      }
      double best = 0;
      for (int r = 0; r < runs; r++) {
        long start = System.nanoTime();
        double sum = sum(buffer, pool);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sum == 0) {
          throw new IllegalStateException("bandwidth buffer summed to zero");
        }
        best = Math.max(best, bytes / seconds);
      }
      return best;
    }
  }

  private static double sum(MemorySegment buffer, ParallelFor pool) {
    int lane = SPECIES.vectorByteSize();
    long vectors = buffer.byteSize() / lane;
    int chunks = pool.threads() * CHUNKS_PER_THREAD;
    long perChunk = Math.ceilDiv(vectors, chunks);
    DoubleAdder total = new DoubleAdder();
    MemorySegment shared = buffer.asReadOnly();
    pool.forRange(
        chunks,
        1,
        (from, to) -> {
          FloatVector acc = FloatVector.zero(SPECIES);
          long begin = from * perChunk;
          long end = Math.min(vectors, to * perChunk);
          for (long v = begin; v < end; v++) {
            acc =
                acc.add(
                    FloatVector.fromMemorySegment(
                        SPECIES, shared, v * lane, ByteOrder.nativeOrder()));
          }
          total.add(acc.reduceLanes(VectorOperators.ADD));
        });
    return total.sum();
  }

  private static FloatVector load(MemorySegment segment, long offset) {
    return FloatVector.fromMemorySegment(SPECIES, segment, offset, ByteOrder.nativeOrder());
  }
}
