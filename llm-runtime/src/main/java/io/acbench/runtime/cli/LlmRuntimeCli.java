package io.acbench.runtime.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The {@code llm-runtime} command line: {@code make-model}, {@code generate}, {@code logits} and
 * {@code bench}. Exit status 0 on success, 2 on a usage error, 1 on any other failure.
 */
public final class LlmRuntimeCli {

  private LlmRuntimeCli() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
      err.println(usage());
      return args.length == 0 ? 2 : 0;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      switch (args[0]) {
        case "make-model" -> MakeModelCommand.run(rest, out);
        case "generate" -> GenerateCommand.run(rest, out, err);
        case "logits" -> LogitsCommand.run(rest, out);
        case "bench" -> BenchCommand.run(rest, out);
        default -> throw new UsageException("unknown command '" + args[0] + "'");
      }
      return 0;
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      err.println(usage());
      return 2;
    } catch (Exception e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  static String usage() {
    return String.join(
        "\n",
        "usage: llm-runtime <command> [options]",
        "  " + MakeModelCommand.USAGE,
        "  " + GenerateCommand.USAGE,
        "  " + LogitsCommand.USAGE,
        "  " + BenchCommand.USAGE);
  }
}
