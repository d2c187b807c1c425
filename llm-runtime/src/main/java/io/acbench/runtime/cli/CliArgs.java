package io.acbench.runtime.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options and {@code --flag} switches of one subcommand. */
final class CliArgs {

  private final String command;
  private final Map<String, String> values = new HashMap<>();
  private final Set<String> flags = new HashSet<>();

  /**
   * @param options the value options the command accepts (without {@code --})
   * @param switches the flags it accepts
   */
  CliArgs(String command, String[] args, Set<String> options, Set<String> switches) {
    this.command = command;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new UsageException(command + ": unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      if (switches.contains(name)) {
        flags.add(name);
      } else if (options.contains(name)) {
        if (i + 1 >= args.length) {
          throw new UsageException(command + ": option --" + name + " needs a value");
        }
        values.put(name, args[++i]);
      } else {
        List<String> known = new ArrayList<>();
        options.forEach(o -> known.add("--" + o));
        switches.forEach(s -> known.add("--" + s));
        known.sort(null);
        throw new UsageException(
            command + ": unknown option '" + arg + "' (known: " + String.join(", ", known) + ")");
      }
    }
  }

  String required(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new UsageException(command + ": option --" + name + " is required");
    }
    return v;
  }

  String string(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  Path path(String name) {
    return Path.of(required(name));
  }

  boolean flag(String name) {
    return flags.contains(name);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  int integer(String name, int fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(command + ": --" + name + " must be an integer, got '" + v + "'");
    }
  }

  long longValue(String name, long fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(command + ": --" + name + " must be an integer, got '" + v + "'");
    }
  }

  double number(String name, double fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(command + ": --" + name + " must be a number, got '" + v + "'");
    }
  }

  /** A comma-separated list of positive integers, e.g. {@code 1,8}. */
  int[] integers(String name, int[] fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    String[] parts = v.split(",");
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        out[i] = 0;
      }
      if (out[i] < 1) {
        throw new UsageException(
            command
                + ": --"
                + name
                + " must be positive integers separated by commas, got '"
                + v
                + "'");
      }
    }
    return out;
  }

  /** One of the allowed values (case-insensitive, returned in lower case). */
  String choice(String name, String fallback, String... allowed) {
    String v = values.get(name);
    if (v == null) {
      if (fallback == null) {
        required(name);
      }
      return fallback;
    }
    String lower = v.toLowerCase(java.util.Locale.ROOT);
    for (String a : allowed) {
      if (a.equals(lower)) {
        return lower;
      }
    }
    throw new UsageException(
        command
            + ": --"
            + name
            + " must be one of "
            + String.join("|", allowed)
            + ", got '"
            + v
            + "'");
  }
}
