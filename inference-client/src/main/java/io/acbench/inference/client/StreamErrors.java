package io.acbench.inference.client;

import io.grpc.Status;
import java.util.List;
import java.util.Locale;

/**
 * Maps the text of an in-stream {@code error_message} to a gRPC code. In its default stream mode
 * Triton drops the code and sends only the message, so the retry policy needs the known prefixes
 * (protocol page §5.2 and §5.3).
 */
final class StreamErrors {

  private record Rule(String fragment, Status.Code code) {}

  private static final List<Rule> RULES =
      List.of(
          new Rule("exceeds maximum queue size", Status.Code.UNAVAILABLE),
          new Rule("request timeout expired", Status.Code.UNAVAILABLE),
          new Rule("server not ready", Status.Code.UNAVAILABLE),
          new Rule("is not at ready state", Status.Code.UNAVAILABLE),
          new Rule("shutting down", Status.Code.UNAVAILABLE),
          new Rule("unhealthy vllm engine", Status.Code.UNAVAILABLE),
          new Rule("has no available versions", Status.Code.NOT_FOUND),
          new Rule("is not found", Status.Code.NOT_FOUND),
          new Rule("request was cancelled", Status.Code.CANCELLED),
          new Rule("doesn't support models with decoupled", Status.Code.UNIMPLEMENTED),
          new Rule("unexpected inference input", Status.Code.INVALID_ARGUMENT),
          new Rule("unexpected shape", Status.Code.INVALID_ARGUMENT),
          new Rule("data-type is", Status.Code.INVALID_ARGUMENT),
          new Rule("all input dimensions should be specified", Status.Code.INVALID_ARGUMENT),
          new Rule("input byte size mismatch", Status.Code.INVALID_ARGUMENT),
          new Rule("unable to find data for input", Status.Code.INVALID_ARGUMENT),
          new Rule("incomplete string length indicator", Status.Code.INVALID_ARGUMENT),
          new Rule("are reserved", Status.Code.INVALID_ARGUMENT),
          new Rule("invalid value type", Status.Code.INVALID_ARGUMENT));

  private StreamErrors() {}

  /** The code Triton would have sent for this message; INTERNAL when no rule matches. */
  static Status.Code codeOf(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    for (Rule rule : RULES) {
      if (lower.contains(rule.fragment())) {
        return rule.code();
      }
    }
    return Status.Code.INTERNAL;
  }
}
