package io.acbench.compressor.bench;

import io.acbench.compressor.gptq.Gptq;
import io.acbench.compressor.gptq.GptqParams;
import io.acbench.compressor.gptq.HessianAccumulator;
import io.acbench.compressor.linalg.FloatGemm;
import io.acbench.compressor.linalg.HessianInverse;
import io.acbench.compressor.linalg.Kernels;
import io.acbench.compressor.testing.TestData;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Old (scalar twin) against new (blocked, vectorised, threaded) kernels on the same inputs, at
 * {@code down_proj} width (not a unit test). Arguments: {@code [C=4864] [tokens=512] [rows=896]
 * [rows to time]}. Times the Hessian update of one sequence of {@code tokens} tokens, the damped
 * inverse factor ({@code cholesky → inverse → cholesky_upper}) and a whole GPTQ run (4-bit, g128,
 * act-order) of a {@code (rows, C)} weight; prints a Markdown table of wall and process CPU seconds
 * and the speed-up (old wall / new wall). Both paths are warmed up on small inputs first. Also
 * times one calibration linear ({@code (tokens, C) · (C, rows)}) on one thread: the scalar twin
 * against the packed-panel GEMM. An optional fourth argument picks rows: {@code
 * hessian,inverse,gemm,gptq}.
 */
public final class KernelBench {

  /** Rows to time: {@code hessian, inverse, gemm, gptq} (all by default). */
  private static Set<String> selected = Set.of("hessian", "inverse", "gemm", "gptq");

  private KernelBench() {}

  public static void main(String[] args) {
    int C = Integer.parseInt(args.length > 0 ? args[0] : "4864");
    int T = Integer.parseInt(args.length > 1 ? args[1] : "512");
    int R = Integer.parseInt(args.length > 2 ? args[2] : "896");
    if (args.length > 3) {
      selected = Set.of(args[3].split(","));
    }
    // Warm-up on small inputs so both kernels are JIT-compiled before they are timed.
    java.io.PrintStream out = System.out;
    System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    run(512, 256, 64);
    run(512, 256, 64);
    System.setOut(out);
    run(C, T, R);
  }

  private static void run(int C, int T, int R) {
    System.out.printf(
        Locale.ROOT,
        "threads %d, load average %.2f%n%n"
            + "| kernel | shape | old wall s | old CPU s | new wall s | new CPU s | speed-up (wall)"
            + " |%n|---|---|---|---|---|---|---|%n",
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    float[] X = TestData.correlatedInputs(1, T, C); // (T, C)
    double[][] H = new double[1][];
    Body hessian =
        k -> {
          HessianAccumulator acc = new HessianAccumulator(C, k);
          acc.addBatch(X, T, 1);
          H[0] = acc.hessian();
          return null;
        };
    if (selected.contains("hessian")) {
      row("hessian", "Hessian update H += (2/n)·XᵀX", C + "² × " + T + " tokens", hessian);
    } else {
      hessian.run(Kernels.VECTOR); // the other rows need H
    }
    row(
        "inverse",
        "inverse factor U = chol_upper((H+λI)⁻¹)",
        C + " × " + C,
        k -> HessianInverse.upperFactor(H[0], C, 0.01, 3, k));
    float[] W = TestData.gaussian(2, R * C);
    float[] Wt = TestData.gaussian(3, C * R); // (C, R): the weight transposed
    FloatGemm.Panels packed = FloatGemm.Panels.pack(Wt, C, R);
    float[] Y = new float[T * R];
    row(
        "gemm",
        "calibration linear x·Wᵀ, one thread (FloatGemm)",
        T + " × " + C + " → " + R,
        k -> {
          if (k == Kernels.SCALAR) {
            FloatGemm.multiplyScalar(X, Wt, Y, T, R, C);
          } else {
            FloatGemm.multiply(X, packed, Y, T, 0, R);
          }
          return Y;
        });
    GptqParams p = GptqParams.vllmDefaults();
    row(
        "gptq",
        "GPTQ w4 g128 act-order (incl. factor)",
        R + " × " + C,
        k -> Gptq.quantize(W, R, C, H[0], p, k));
  }

  private interface Body {
    Object run(Kernels kernels);
  }

  private static void row(String key, String name, String shape, Body body) {
    if (!selected.contains(key)) {
      return;
    }
    double[] old = time(() -> body.run(Kernels.SCALAR));
    double[] fast = time(() -> body.run(Kernels.VECTOR));
    System.out.printf(
        Locale.ROOT,
        "| %s | %s | %.2f | %.2f | %.2f | %.2f | %.1f× |%n",
        name,
        shape,
        old[0],
        old[1],
        fast[0],
        fast[1],
        old[0] / fast[0]);
    System.out.flush();
  }

  /** {wall s, process CPU s} of one call. */
  private static double[] time(Supplier<Object> body) {
    long cpu0 = CompressionBench.processCpuNanos();
    long t0 = System.nanoTime();
    body.get();
    return new double[] {
      (System.nanoTime() - t0) / 1e9, (CompressionBench.processCpuNanos() - cpu0) / 1e9
    };
  }
}
