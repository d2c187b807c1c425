package io.acbench.inference.grpc;

import io.acbench.contracts.grpc.inference.InferParameter;
import io.acbench.contracts.grpc.inference.ModelInferRequest;
import io.acbench.contracts.grpc.inference.ModelInferResponse;
import io.acbench.contracts.grpc.inference.ModelStreamInferResponse;
import io.acbench.inference.config.InferenceServerConfig;
import io.acbench.inference.generate.GenerationJob;
import io.acbench.inference.model.LoadedModel;
import io.acbench.inference.model.ModelManager;
import io.acbench.inference.tensor.InferenceException;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Routes inference requests to the loaded models: generation requests to their model's scheduler,
 * probe requests (and model loads) to a worker pool, so that no gRPC thread blocks.
 */
@ApplicationScoped
public class InferenceRouter {

  static final String EMPTY_FINAL = "triton_enable_empty_final_response";

  private final ModelManager models;
  private final ExecutorService workers;

  public InferenceRouter(ModelManager models, InferenceServerConfig config) {
    this.models = models;
    this.workers = Executors.newFixedThreadPool(Math.max(1, config.threads()));
  }

  @PreDestroy
  void stop() {
    workers.shutdownNow();
  }

  /** Runs blocking work off the gRPC threads. */
  void submit(Runnable work) {
    try {
      workers.execute(work);
    } catch (RejectedExecutionException e) {
      throw InferenceException.unavailable(
          "GRPC server is shutting down and has stopped accepting new requests");
    }
  }

  /** ModelInfer: one request, one response; refused for decoupled models. */
  void infer(ModelInferRequest request, StreamObserver<ModelInferResponse> observer) {
    checkParameters(request.getParametersMap());
    LoadedModel m = models.resolve(request.getModelName(), request.getModelVersion());
    if (m.definition().decoupled()) {
      throw new InferenceException(
          Status.Code.UNIMPLEMENTED,
          "ModelInfer RPC doesn't support models with decoupled transaction policy");
    }
    submit(
        () -> {
          try {
            observer.onNext(m.probe().infer(request));
            observer.onCompleted();
          } catch (InferenceException e) {
            observer.onError(e.toStatus());
          } catch (RuntimeException e) {
            observer.onError(Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException());
          }
        });
  }

  /** One request of a ModelStreamInfer call. */
  void stream(ModelInferRequest request, StreamSession session) {
    checkParameters(request.getParametersMap());
    LoadedModel m = models.resolve(request.getModelName(), request.getModelVersion());
    if (m.generation() != null) {
      GenerationJob job = m.generation().newJob(request, session);
      if (job == null) {
        return;
      }
      session.started(job, m.generation().scheduler());
      try {
        m.generation().scheduler().submit(job);
      } catch (InferenceException e) {
        session.finishedUnsubmitted(job);
        throw e;
      }
      return;
    }
    submit(
        () -> {
          try {
            ModelInferResponse r =
                m.probe().infer(request).toBuilder()
                    .putParameters(
                        "triton_final_response",
                        InferParameter.newBuilder().setBoolParam(true).build())
                    .build();
            session.completeOne(ModelStreamInferResponse.newBuilder().setInferResponse(r).build());
          } catch (InferenceException e) {
            session.requestFailed(request, e);
          } catch (RuntimeException e) {
            session.requestFailed(
                request,
                new InferenceException(Status.Code.INTERNAL, String.valueOf(e.getMessage())));
          }
        });
  }

  /** Reserved request parameters (§1.12). */
  static void checkParameters(Map<String, InferParameter> params) {
    params.forEach(
        (key, value) -> {
          var choice = value.getParameterChoiceCase();
          if (key.startsWith("triton_")) {
            if (!key.equals(EMPTY_FINAL)) {
              throw InferenceException.invalid(
                  "parameter keys starting with 'triton_' are reserved for Triton usage and should"
                      + " not be specified.");
            }
            if (choice != InferParameter.ParameterChoiceCase.BOOL_PARAM) {
              throw InferenceException.invalid(
                  "invalid value type for '" + EMPTY_FINAL + "' parameter, expected bool_param.");
            }
            return;
          }
          boolean ok =
              switch (key) {
                case "sequence_start", "sequence_end" ->
                    choice == InferParameter.ParameterChoiceCase.BOOL_PARAM;
                case "priority" ->
                    choice == InferParameter.ParameterChoiceCase.UINT64_PARAM
                        || (choice == InferParameter.ParameterChoiceCase.INT64_PARAM
                            && value.getInt64Param() >= 0);
                case "timeout" -> choice == InferParameter.ParameterChoiceCase.INT64_PARAM;
                default -> choice != InferParameter.ParameterChoiceCase.UINT64_PARAM;
              };
          if (!ok) {
            throw InferenceException.invalid("invalid value type for '" + key + "' parameter.");
          }
        });
  }
}
