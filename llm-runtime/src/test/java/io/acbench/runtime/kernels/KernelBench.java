package io.acbench.runtime.kernels;

import io.acbench.runtime.quant.AwqPacker;
import io.acbench.runtime.quant.GptqPacker;
import io.acbench.runtime.weights.AwqInt4Weight;
import io.acbench.runtime.weights.Bf16Weight;
import io.acbench.runtime.weights.F32Weight;
import io.acbench.runtime.weights.GptqInt4Weight;
import io.acbench.runtime.weights.PooledLinearWeight;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;

/**
 * Single- versus multi-thread matmul on Qwen2.5-0.5B MLP shapes (896×4864 and 4864×896) for F32,
 * BF16, GPTQ and AWQ int4 weights. Not a unit test; run after {@code test-compile}:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp llm-runtime/target/classes:llm-runtime/target/test-classes \
 *     io.acbench.runtime.kernels.KernelBench [threads...] [batch]
 * </pre>
 *
 * Prints the best time per call over alternating timed rounds and the weight bytes streamed per
 * second.
 */
public final class KernelBench {

  private static final int ROUNDS = 20;
  private static final long ROUND_NANOS = 50_000_000L;

  private KernelBench() {}

  public static void main(String[] args) {
    int multi =
        args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    ParallelFor one = new ParallelFor(1);
    ParallelFor many = new ParallelFor(multi);
    System.out.printf(
        "lanes=%d threads=1 vs %d batch=%d (best of %d alternating rounds)%n",
        VectorKernels.lanes(), multi, batch, ROUNDS);
    System.out.printf(
        "%-6s %-10s %10s %10s %10s %10s %8s%n",
        "format", "out×in", "1t µs", "1t GB/s", "Nt µs", "Nt GB/s", "speedup");
    Random random = new Random(1);
    int[][] shapes = {{896, 4864}, {4864, 896}};
    for (int[] shape : shapes) {
      int out = shape[0];
      int in = shape[1];
      PooledLinearWeight[] weights = {
        f32(random, out, in), bf16(random, out, in), gptq(random, out, in), awq(random, out, in)
      };
      String[] names = {"F32", "BF16", "GPTQ4", "AWQ4"};
      for (int i = 0; i < weights.length; i++) {
        PooledLinearWeight w = weights[i];
        float[] x = new float[batch * in];
        for (int j = 0; j < x.length; j++) {
          x[j] = (float) random.nextGaussian();
        }
        float[] y = new float[batch * out];
        double[] t = minMicros(w, x, batch, y, one, many);
        double gb = w.storageBytes() / 1e3;
        System.out.printf(
            "%-6s %-10s %10.1f %10.2f %10.1f %10.2f %8.2f%n",
            names[i], out + "×" + in, t[0], gb / t[0], t[1], gb / t[1], t[0] / t[1]);
      }
    }
    one.shutdown();
    many.shutdown();
  }

  /**
   * Best time per call on each pool. Rounds alternate between the pools so that both see the same
   * background load; the minimum is the estimate least disturbed by other processes.
   */
  private static double[] minMicros(
      PooledLinearWeight w, float[] x, int batch, float[] y, ParallelFor... pools) {
    double[] best = new double[pools.length];
    Arrays.fill(best, Double.MAX_VALUE);
    for (ParallelFor pool : pools) {
      for (long end = System.nanoTime() + 200_000_000L; System.nanoTime() < end; ) {
        w.matmul(x, batch, y, pool);
      }
    }
    for (int r = 0; r < ROUNDS; r++) {
      for (int p = 0; p < pools.length; p++) {
        long start = System.nanoTime();
        int calls = 0;
        long now;
        do {
          w.matmul(x, batch, y, pools[p]);
          calls++;
          now = System.nanoTime();
        } while (now - start < ROUND_NANOS);
        best[p] = Math.min(best[p], (now - start) / 1e3 / calls);
      }
    }
    return best;
  }

  private static PooledLinearWeight f32(Random random, int out, int in) {
    MemorySegment s = Arena.global().allocate(4L * out * in, 64);
    ValueLayout.OfFloat le = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    for (long i = 0; i < (long) out * in; i++) {
      s.setAtIndex(le, i, (float) random.nextGaussian());
    }
    return new F32Weight("bench.f32", out, in, s);
  }

  private static PooledLinearWeight bf16(Random random, int out, int in) {
    MemorySegment s = Arena.global().allocate(2L * out * in, 64);
    ValueLayout.OfShort le = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    for (long i = 0; i < (long) out * in; i++) {
      s.setAtIndex(le, i, HalfFloats.floatToBf16((float) random.nextGaussian()));
    }
    return new Bf16Weight("bench.bf16", out, in, s);
  }

  private static int[] codes(Random random, int n) {
    int[] c = new int[n];
    for (int i = 0; i < n; i++) {
      c[i] = random.nextInt(16);
    }
    return c;
  }

  private static float[] scales(Random random, int n) {
    float[] s = new float[n];
    for (int i = 0; i < n; i++) {
      s[i] = 0.01f * (1 + random.nextFloat());
    }
    return s;
  }

  private static PooledLinearWeight gptq(Random random, int out, int in) {
    int groups = in / 128;
    int[] zeros = new int[groups * out];
    Arrays.fill(zeros, 8);
    GptqPacker.Packed p =
        GptqPacker.pack(
            in,
            out,
            codes(random, in * out),
            zeros,
            scales(random, groups * out),
            GptqPacker.sequentialGroupIndex(in, 128));
    return GptqInt4Weight.of("bench.gptq", p);
  }

  private static PooledLinearWeight awq(Random random, int out, int in) {
    int groups = in / 128;
    AwqPacker.Packed p =
        AwqPacker.pack(
            in,
            out,
            128,
            codes(random, in * out),
            codes(random, groups * out),
            scales(random, groups * out));
    return AwqInt4Weight.of("bench.awq", p);
  }
}
