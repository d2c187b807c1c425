package io.acbench.inference.grpc;

import io.acbench.contracts.grpc.health.HealthCheckRequest;
import io.acbench.contracts.grpc.health.HealthCheckResponse;
import io.acbench.contracts.grpc.health.HealthCheckResponse.ServingStatus;
import io.acbench.contracts.grpc.health.HealthGrpc;
import io.acbench.inference.model.ModelManager;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;

/** {@code grpc.health.v1.Health/Check}: SERVING iff the server is ready, as Triton reports it. */
@GrpcService
public class HealthGrpcService extends HealthGrpc.HealthImplBase {

  private final ModelManager models;

  public HealthGrpcService(ModelManager models) {
    this.models = models;
  }

  @Override
  public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> observer) {
    ServingStatus status = models.serverReady() ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    observer.onNext(HealthCheckResponse.newBuilder().setStatus(status).build());
    observer.onCompleted();
  }
}
