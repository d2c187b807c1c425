package io.acbench.inference.tensor;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** A request failure with the gRPC code and the Triton-shaped message it is reported with. */
public final class InferenceException extends RuntimeException {

  private final Status.Code code;

  public InferenceException(Status.Code code, String message) {
    super(message);
    this.code = code;
  }

  public Status.Code code() {
    return code;
  }

  /** The status a unary call ends with. */
  public StatusRuntimeException toStatus() {
    return Status.fromCode(code).withDescription(getMessage()).asRuntimeException();
  }

  public static InferenceException invalid(String message) {
    return new InferenceException(Status.Code.INVALID_ARGUMENT, message);
  }

  public static InferenceException notFound(String message) {
    return new InferenceException(Status.Code.NOT_FOUND, message);
  }

  public static InferenceException unavailable(String message) {
    return new InferenceException(Status.Code.UNAVAILABLE, message);
  }

  /** "Request for unknown model: 'm' is not found". */
  public static InferenceException unknownModel(String model) {
    return notFound("Request for unknown model: '" + model + "' is not found");
  }

  /** "Request for unknown model: 'm' version N is not found". */
  public static InferenceException unknownVersion(String model, String version) {
    return notFound(
        "Request for unknown model: '" + model + "' version " + version + " is not found");
  }

  /** "Request for unknown model: 'm' has no available versions". */
  public static InferenceException noAvailableVersions(String model) {
    return notFound("Request for unknown model: '" + model + "' has no available versions");
  }
}
