package io.acbench.runtime.cli;

import io.acbench.runtime.generate.GenerationResult;
import io.acbench.runtime.generate.Generator;
import io.acbench.runtime.generate.TokenizerCodec;
import io.acbench.runtime.model.Transformer;
import io.acbench.runtime.sampling.SamplingParams;
import io.acbench.runtime.tokenizer.ChatMessage;
import io.acbench.runtime.tokenizer.ChatTemplate;
import io.acbench.runtime.tokenizer.Tokenizer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code generate}: streams one completion to stdout, statistics to stderr. */
final class GenerateCommand {

  static final String USAGE =
      "generate --model DIR --prompt TEXT [--max-tokens N] [--temperature T --seed S]"
          + " [--top-k K] [--top-p P] [--chat]";

  private GenerateCommand() {}

  static void run(String[] args, PrintStream out, PrintStream err) {
    CliArgs a =
        new CliArgs(
            "generate",
            args,
            Set.of("model", "prompt", "max-tokens", "temperature", "seed", "top-k", "top-p"),
            Set.of("chat"));
    Path dir = a.path("model");
    String prompt = a.required("prompt");
    SamplingParams params =
        new SamplingParams(
            a.number("temperature", 0),
            a.integer("top-k", 0),
            a.number("top-p", 1),
            a.longValue("seed", 0),
            a.integer("max-tokens", 64),
            List.of(),
            List.of(),
            false);
    try (Transformer model = Transformer.load(dir);
        Tokenizer tokenizer = Tokenizer.load(dir)) {
      String text = prompt;
      if (a.flag("chat")) {
        text =
            ChatTemplate.fromTokenizerConfig(dir.resolve("tokenizer_config.json"))
                .render(List.of(new ChatMessage("user", prompt)), true, Map.of());
      }
      // a rendered chat template already carries its special tokens
      int[] promptIds = tokenizer.encode(text, !a.flag("chat"));
      long start = System.nanoTime();
      GenerationResult result =
          new Generator(model, new TokenizerCodec(tokenizer, model.config()))
              .generate(promptIds, params, out::print);
      double seconds = (System.nanoTime() - start) / 1e9;
      out.println();
      out.flush();
      err.printf(
          "prompt %d tokens, generated %d tokens in %.2f s (%.1f tokens/s), finish_reason %s%n",
          result.promptTokens(),
          result.tokenIds().length,
          seconds,
          result.tokenIds().length / seconds,
          result.finishReason().wireName());
    }
  }
}
