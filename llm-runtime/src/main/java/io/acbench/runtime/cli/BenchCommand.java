package io.acbench.runtime.cli;

import io.acbench.runtime.kernels.ParallelFor;
import io.acbench.runtime.model.Sequence;
import io.acbench.runtime.model.Transformer;
import io.acbench.runtime.sampling.Sampler;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code bench}: prefill and decode throughput at several batch sizes next to the machine's
 * streaming-read bandwidth. Decode reads every linear weight and the LM head once per step, so
 * {@code weight bytes / bandwidth} is the fastest a step can be; the table reports that bound
 * divided by the measured step time.
 */
final class BenchCommand {

  static final String USAGE =
      "bench --model DIR [--batch 1,8] [--prompt-tokens 128] [--decode-tokens 32]"
          + " [--bandwidth-mib 1024]";

  private static final int BANDWIDTH_RUNS = 5;

  private BenchCommand() {}

  /** One measured configuration. */
  record Row(
      int batch, double prefillTokensPerSecond, double decodeTokensPerSecond, double stepSeconds) {}

  static void run(String[] args, PrintStream out) {
    CliArgs a =
        new CliArgs(
            "bench",
            args,
            Set.of("model", "batch", "prompt-tokens", "decode-tokens", "bandwidth-mib"),
            Set.of());
    Path dir = a.path("model");
    int[] batches = a.integers("batch", new int[] {1, 8});
    int promptTokens = a.integer("prompt-tokens", 128);
    int decodeTokens = a.integer("decode-tokens", 32);
    long bufferBytes = a.integer("bandwidth-mib", 1024) * (1L << 20);
    if (promptTokens < 1 || decodeTokens < 1) {
      throw new UsageException("bench: --prompt-tokens and --decode-tokens must be positive");
    }
    ParallelFor pool = ParallelFor.shared();
    try (Transformer model = Transformer.load(dir)) {
      // bandwidth before and after the model runs, best of both: a shared machine's load varies
      double bandwidth = MemoryBandwidth.measure(bufferBytes, BANDWIDTH_RUNS, pool);
      measure(model, 1, Math.min(promptTokens, 16), Math.min(decodeTokens, 4)); // JIT warm-up
      List<Row> rows = new ArrayList<>();
      for (int batch : batches) {
        rows.add(measure(model, batch, promptTokens, decodeTokens));
      }
      bandwidth = Math.max(bandwidth, MemoryBandwidth.measure(bufferBytes, BANDWIDTH_RUNS, pool));
      long stepBytes = model.decodeWeightBytes();
      out.printf(
          "model %s (%s, %d layers, hidden %d, vocab %d, quantization %s), %d threads%n",
          dir,
          model.config().modelType(),
          model.config().numHiddenLayers(),
          model.config().hiddenSize(),
          model.config().vocabSize(),
          model.config().quantization() == null
              ? model.config().torchDtype()
              : model.config().quantization().quantMethod()
                  + "-int"
                  + model.config().quantization().bits(),
          pool.threads());
      out.printf(
          "prompt %d tokens, %d decode steps; memory bandwidth %.2f GB/s (best of 2 x %d reads of %d"
              + " MiB, before and after)%n",
          promptTokens, decodeTokens, bandwidth / 1e9, BANDWIDTH_RUNS, bufferBytes >> 20);
      out.println(
          "| batch | prefill tok/s | decode tok/s | step ms | weight MB/step | bound ms/step | % of bandwidth bound |");
      out.println("|---:|---:|---:|---:|---:|---:|---:|");
      for (Row r : rows) {
        double boundSeconds = stepBytes / bandwidth;
        out.printf(
            "| %d | %.1f | %.2f | %.1f | %.1f | %.1f | %.1f%% |%n",
            r.batch(),
            r.prefillTokensPerSecond(),
            r.decodeTokensPerSecond(),
            r.stepSeconds() * 1e3,
            stepBytes / 1e6,
            boundSeconds * 1e3,
            100 * boundSeconds / r.stepSeconds());
      }
    }
  }

  /** Prefills {@code batch} random prompts one by one, then decodes them together. */
  static Row measure(Transformer model, int batch, int promptTokens, int decodeTokens) {
    int vocab = model.config().vocabSize();
    SplittableRandom random = new SplittableRandom(batch);
    List<Sequence> seqs = new ArrayList<>();
    int[] next = new int[batch];
    long start = System.nanoTime();
    for (int b = 0; b < batch; b++) {
      int[] prompt = new int[promptTokens];
      for (int t = 0; t < promptTokens; t++) {
        prompt[t] = random.nextInt(vocab);
      }
      Sequence seq = model.newSequence(promptTokens + decodeTokens);
      next[b] = Sampler.argmax(model.prefill(seq, prompt), 0, vocab);
      seqs.add(seq);
    }
    double prefillSeconds = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    for (int step = 0; step < decodeTokens; step++) {
      float[] logits = model.decode(seqs, next);
      for (int b = 0; b < batch; b++) {
        next[b] = Sampler.argmax(logits, b * vocab, vocab);
      }
    }
    double decodeSeconds = (System.nanoTime() - start) / 1e9;
    return new Row(
        batch,
        batch * promptTokens / prefillSeconds,
        batch * decodeTokens / decodeSeconds,
        decodeSeconds / decodeTokens);
  }
}
