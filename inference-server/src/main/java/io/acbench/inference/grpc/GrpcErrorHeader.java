package io.acbench.inference.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads Triton's {@code triton_grpc_error: true} header (§1.13) into the call's context: with it a
 * ModelStreamInfer call ends with the real status on the first error.
 */
@ApplicationScoped
@GlobalInterceptor
public class GrpcErrorHeader implements ServerInterceptor {

  static final Context.Key<Boolean> ENABLED = Context.key("triton_grpc_error");
  private static final Metadata.Key<String> HEADER =
      Metadata.Key.of("triton_grpc_error", Metadata.ASCII_STRING_MARSHALLER);

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    boolean enabled = "true".equalsIgnoreCase(headers.get(HEADER));
    return Contexts.interceptCall(
        Context.current().withValue(ENABLED, enabled), call, headers, next);
  }

  /** Whether the current call asked for real status codes. */
  static boolean enabled() {
    return Boolean.TRUE.equals(ENABLED.get());
  }
}
