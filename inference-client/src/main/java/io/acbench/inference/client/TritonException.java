package io.acbench.inference.client;

import io.grpc.Status;

/**
 * A failed call to a Triton-compatible server: the gRPC status code, the model it concerned (empty
 * for server-level calls), the RPC and the server's own message.
 *
 * <p>For errors reported inside a {@code ModelStreamInfer} stream the server sends only text; the
 * code is then inferred from Triton's known message prefixes (see {@link StreamErrors}) and {@link
 * #inStream()} is true.
 */
public final class TritonException extends RuntimeException {

  private final Status.Code code;
  private final String modelName;
  private final String rpc;
  private final String serverMessage;
  private final boolean inStream;

  public TritonException(
      Status.Code code,
      String rpc,
      String modelName,
      String serverMessage,
      boolean inStream,
      Throwable cause) {
    super(format(code, rpc, modelName, serverMessage), cause);
    this.code = code;
    this.rpc = rpc;
    this.modelName = modelName == null ? "" : modelName;
    this.serverMessage = serverMessage == null ? "" : serverMessage;
    this.inStream = inStream;
  }

  /** Wraps a gRPC failure of {@code rpc} on {@code modelName}. */
  static TritonException of(Throwable t, String rpc, String modelName) {
    if (t instanceof TritonException te) {
      return te;
    }
    Status status = Status.fromThrowable(t);
    String message = status.getDescription();
    if (message == null && status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
      message = "deadline exceeded";
    }
    if (message == null && status.getCause() != null) {
      message = status.getCause().toString();
    }
    return new TritonException(status.getCode(), rpc, modelName, message, false, t);
  }

  private static String format(Status.Code code, String rpc, String model, String message) {
    String target = model == null || model.isEmpty() ? "" : " on model '" + model + "'";
    return rpc + target + " failed with " + code + ": " + (message == null ? "" : message);
  }

  /** The gRPC status code (inferred from the text for in-stream errors). */
  public Status.Code code() {
    return code;
  }

  /** The model the call concerned, or the empty string for server-level calls. */
  public String modelName() {
    return modelName;
  }

  /** The RPC name, e.g. {@code ModelStreamInfer}. */
  public String rpc() {
    return rpc;
  }

  /** The server's message, or the transport's description when the server sent none. */
  public String serverMessage() {
    return serverMessage;
  }

  /** True when the error arrived as {@code error_message} inside a stream response. */
  public boolean inStream() {
    return inStream;
  }
}
