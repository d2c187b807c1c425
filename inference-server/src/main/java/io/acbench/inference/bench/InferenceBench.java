package io.acbench.inference.bench;

import io.acbench.contracts.grpc.inference.ModelStreamInferResponse;
import io.acbench.inference.generate.GenerationJob;
import io.acbench.inference.generate.GenerationScheduler;
import io.acbench.inference.stats.ModelStats;
import io.acbench.runtime.generate.GenerationRequest;
import io.acbench.runtime.generate.TokenizerCodec;
import io.acbench.runtime.model.Transformer;
import io.acbench.runtime.sampling.SamplingParams;
import io.acbench.runtime.tokenizer.Tokenizer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Aggregate decode throughput of the continuous-batching scheduler at concurrency 1, 4 and 8: c
 * greedy requests of {@code maxTokens} tokens each (EOS ignored) are submitted together to one
 * {@link GenerationScheduler}, and the generated tokens are divided by the wall time until the last
 * one finished. Run by hand:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp CLASSPATH io.acbench.inference.bench.InferenceBench \
 *     /tmp/m05 [maxTokens=64] [repeats=2]
 * </pre>
 */
public final class InferenceBench {

  private InferenceBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: InferenceBench CHECKPOINT_DIR [maxTokens=64] [repeats=2]");
      System.exit(2);
    }
    Path checkpoint = Path.of(args[0]);
    int maxTokens = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    try (Transformer model = Transformer.load(checkpoint);
        Tokenizer tokenizer = Tokenizer.load(checkpoint)) {
      var codec = new TokenizerCodec(tokenizer, model.config());
      var stats = new ModelStats("bench", "1");
      var scheduler =
          new GenerationScheduler(
              "bench", model, codec, 8, 4096, 0, stats, new SimpleMeterRegistry(), () -> {});
      run(scheduler, codec, stats, 1, 8, 1); // warm-up
      double base = 0;
      System.out.println("| concurrency | tokens | seconds | decode tokens/s | ratio vs 1 |");
      System.out.println("|---|---|---|---|---|");
      for (int c : new int[] {1, 4, 8}) {
        double best = 0;
        long tokens = 0;
        double seconds = 0;
        for (int r = 0; r < repeats; r++) {
          long t0 = System.nanoTime();
          tokens = run(scheduler, codec, stats, c, maxTokens, r + 2);
          double s = (System.nanoTime() - t0) / 1e9;
          if (tokens / s > best) {
            best = tokens / s;
            seconds = s;
          }
        }
        if (c == 1) {
          base = best;
        }
        System.out.printf(
            "| %d | %d | %.2f | %.1f | %.2f |%n", c, tokens, seconds, best, best / base);
      }
      scheduler.close();
    }
  }

  private static long run(
      GenerationScheduler scheduler,
      TokenizerCodec codec,
      ModelStats stats,
      int concurrency,
      int maxTokens,
      int round)
      throws InterruptedException {
    CountDownLatch done = new CountDownLatch(concurrency);
    AtomicLong tokens = new AtomicLong();
    GenerationJob.Sink sink =
        new GenerationJob.Sink() {
          @Override
          public void send(ModelStreamInferResponse response) {
            tokens.incrementAndGet();
          }

          @Override
          public void finished(GenerationJob job) {
            done.countDown();
          }
        };
    var options = new GenerationJob.Options(true, true, false, false, false, false, false);
    for (int i = 0; i < concurrency; i++) {
      String prompt = "benchmark prompt number " + i + " of round " + round;
      var request =
          new GenerationRequest(
              "r" + round + "-" + concurrency + "-" + i,
              codec.encode(prompt),
              SamplingParams.greedy(maxTokens).withIgnoreEos(true));
      scheduler.submit(
          new GenerationJob(
              request, request.id(), "bench", "1", prompt, options, -1, id -> "", sink, stats));
    }
    done.await();
    return tokens.get();
  }
}
