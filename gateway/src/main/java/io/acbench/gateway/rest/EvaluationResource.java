package io.acbench.gateway.rest;

import io.acbench.contracts.Topics;
import io.acbench.contracts.events.EvaluationRequested;
import io.acbench.contracts.events.EvaluationRequested.VariantSpec;
import io.acbench.contracts.messaging.KafkaEventMessages;
import io.acbench.gateway.config.GatewayConfig;
import io.acbench.gateway.evaluation.EvaluationStatus;
import io.acbench.gateway.evaluation.EvaluationStatusStore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Public REST API for evaluation campaigns. */
@Path("/api/v1/evaluations")
public class EvaluationResource {

  private final Emitter<String> requested;
  private final EvaluationStatusStore store;
  private final GatewayConfig config;

  public EvaluationResource(
      @Channel(Topics.EVALUATION_REQUESTED) Emitter<String> requested,
      EvaluationStatusStore store,
      GatewayConfig config) {
    this.requested = requested;
    this.store = store;
    this.config = config;
  }

  /** Accepts an evaluation and publishes {@code acbench.evaluation.requested}. */
  @POST
  public Response create(@NotNull @Valid CreateEvaluationRequest body) {
    List<VariantSpec> variants = variants(body);
    String evaluationId = UUID.randomUUID().toString();
    EvaluationRequested event =
        EvaluationRequested.of(
            evaluationId,
            body.baseModelUri(),
            body.modelName() != null ? body.modelName() : lastPathElement(body.baseModelUri()),
            variants,
            body.tasks(),
            body.thresholds(),
            body.probeSetId());
    List<String> variantIds = new ArrayList<>(List.of("base"));
    variants.forEach(v -> variantIds.add(v.variantId()));
    EvaluationStatus status = store.create(evaluationId, variantIds);
    requested.send(KafkaEventMessages.of(event, config.eventSource()));
    return Response.accepted(status)
        .location(URI.create("/api/v1/evaluations/" + evaluationId))
        .build();
  }

  @GET
  @Path("/{evaluationId}")
  public EvaluationStatus get(@PathParam("evaluationId") String evaluationId) {
    return store
        .find(evaluationId)
        .orElseThrow(() -> new NotFoundException("no evaluation " + evaluationId));
  }

  private List<VariantSpec> variants(CreateEvaluationRequest body) {
    List<CreateEvaluationRequest.VariantRequest> requestedVariants =
        body.variants() == null ? List.of() : body.variants();
    if (requestedVariants.size() > config.maxVariants()) {
      throw badRequest("variants: at most " + config.maxVariants() + " allowed");
    }
    var seen = new HashSet<String>();
    List<VariantSpec> specs = new ArrayList<>();
    for (var v : requestedVariants) {
      if (v.id().equals("base")) {
        throw badRequest("variants.id: 'base' is reserved for the uncompressed model");
      }
      if (!seen.add(v.id())) {
        throw badRequest("variants.id: duplicate id '" + v.id() + "'");
      }
      specs.add(new VariantSpec(v.id(), v.method(), v.parameters()));
    }
    return specs;
  }

  private static WebApplicationException badRequest(String message) {
    return new WebApplicationException(
        Response.status(Response.Status.BAD_REQUEST)
            .entity(Map.of("title", "Constraint Violation", "violations", List.of(message)))
            .build());
  }

  private static String lastPathElement(String uri) {
    String trimmed = uri.replaceAll("/+$", "");
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }
}
