package io.acbench.runtime.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelForTest {

  @Test
  void everyIndexRunsExactlyOnceInGrainAlignedChunks() {
    ParallelFor pool = new ParallelFor(3);
    try {
      for (int n : new int[] {1, 15, 16, 17, 100, 1000}) {
        AtomicIntegerArray hits = new AtomicIntegerArray(n);
        pool.forRange(
            n,
            16,
            (start, end) -> {
              assertThat(start % 16).isZero();
              for (int i = start; i < end; i++) {
                hits.incrementAndGet(i);
              }
            });
        for (int i = 0; i < n; i++) {
          assertThat(hits.get(i)).as("n=%d index %d", n, i).isEqualTo(1);
        }
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void chunkExceptionsReachTheCaller() {
    ParallelFor pool = new ParallelFor(2);
    try {
      assertThatThrownBy(
              () ->
                  pool.forRange(
                      100,
                      1,
                      (start, end) -> {
                        if (start > 0) {
                          throw new IllegalStateException("boom in " + start);
                        }
                      }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("boom");
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void nestedCallsFromWorkersRunSeriallyWithoutDeadlock() {
    ParallelFor pool = new ParallelFor(2);
    try {
      AtomicInteger total = new AtomicInteger();
      pool.forRange(2, 1, (s, e) -> pool.forRange(10, 1, (s2, e2) -> total.addAndGet(e2 - s2)));
      assertThat(total.get()).isEqualTo(20);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void rejectsNonPositiveThreadCount() {
    assertThatThrownBy(() -> new ParallelFor(0)).hasMessageContaining("threads must be >= 1");
  }
}
