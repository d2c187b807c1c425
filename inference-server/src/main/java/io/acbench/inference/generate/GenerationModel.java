package io.acbench.inference.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acbench.contracts.grpc.inference.InferParameter;
import io.acbench.contracts.grpc.inference.ModelInferRequest;
import io.acbench.inference.model.ModelDefinition;
import io.acbench.inference.stats.ModelStats;
import io.acbench.inference.tensor.InputDecoder;
import io.acbench.inference.tensor.InputValidator;
import io.acbench.inference.tensor.Tensor;
import io.acbench.runtime.generate.GenerationRequest;
import io.acbench.runtime.generate.TokenizerCodec;
import io.acbench.runtime.model.Transformer;
import io.acbench.runtime.tokenizer.Tokenizer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** A loaded vLLM-contract model: checkpoint, tokenizer and its scheduler thread. */
public final class GenerationModel implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong KEYS = new AtomicLong();

  private final ModelDefinition definition;
  private final Transformer transformer;
  private final Tokenizer tokenizer;
  private final TokenizerCodec codec;
  private final GenerationScheduler scheduler;
  private final ModelStats stats;
  private final int maxLength;

  public GenerationModel(
      ModelDefinition definition,
      int maxBatch,
      int maxSequenceLength,
      int queueSize,
      ModelStats stats,
      MeterRegistry meters) {
    this.definition = definition;
    this.stats = stats;
    this.transformer = Transformer.load(definition.checkpoint());
    this.tokenizer = Tokenizer.load(definition.checkpoint());
    this.codec = new TokenizerCodec(tokenizer, transformer.config());
    int batch = definition.maxNumSeqs() > 0 ? definition.maxNumSeqs() : maxBatch;
    int length = definition.maxModelLen() > 0 ? definition.maxModelLen() : maxSequenceLength;
    this.maxLength = Math.min(length, transformer.config().maxPositionEmbeddings());
    int queue = definition.maxQueueSize() >= 0 ? definition.maxQueueSize() : queueSize;
    this.scheduler =
        new GenerationScheduler(
            definition.name(),
            transformer,
            codec,
            batch,
            maxLength,
            queue,
            stats,
            meters,
            this::release);
  }

  public GenerationScheduler scheduler() {
    return scheduler;
  }

  /**
   * Validates a request and builds its job; input errors throw, sampling errors become the job's
   * in-stream failure like the vLLM backend's "Error generating stream: …".
   *
   * @return the job, or null when it already failed in-stream
   */
  public GenerationJob newJob(ModelInferRequest request, GenerationJob.Sink sink) {
    long t0 = System.nanoTime();
    Map<String, Tensor> in = InputDecoder.decode(request);
    InputValidator.validate(definition.config(), in, Set.of());
    boolean stream = flag(in, "stream", false);
    Tensor exclude = in.get("exclude_input_in_output");
    var options =
        new GenerationJob.Options(
            stream,
            exclude != null ? exclude.firstBool() : stream,
            flag(in, "return_finish_reason", false),
            flag(in, "return_cumulative_logprob", false),
            flag(in, "return_logprobs", false),
            flag(in, "return_num_input_tokens", false),
            flag(in, "return_num_output_tokens", false));
    String prompt = in.get("text_input").firstString();
    String key = "g" + KEYS.incrementAndGet();
    stats.inputDecoded(System.nanoTime() - t0);
    try {
      if (stream && exclude != null && !exclude.firstBool()) {
        throw new IllegalArgumentException(
            "exclude_input_in_output must not be false when streaming");
      }
      String json =
          in.containsKey("sampling_parameters")
              ? in.get("sampling_parameters").firstString()
              : parametersJson(request.getParametersMap());
      SamplingJson.Parsed sampling = SamplingJson.parse(json, maxLength);
      int[] ids = codec.encode(prompt);
      var generation = new GenerationRequest(key, ids, sampling.params());
      return new GenerationJob(
          generation,
          request.getId(),
          definition.name(),
          definition.version(),
          prompt,
          options,
          sampling.logprobs(),
          id -> tokenizer.decode(new int[] {id}, false),
          sink,
          stats);
    } catch (IllegalArgumentException e) {
      var failed =
          new GenerationJob(
              new GenerationRequest(
                  key, new int[] {0}, io.acbench.runtime.sampling.SamplingParams.greedy(1)),
              request.getId(),
              definition.name(),
              definition.version(),
              prompt,
              options,
              -1,
              id -> "",
              sink,
              stats);
      failed.fail("Error generating stream: " + e.getMessage());
      return null;
    }
  }

  private static boolean flag(Map<String, Tensor> in, String name, boolean fallback) {
    Tensor t = in.get(name);
    return t == null ? fallback : t.firstBool();
  }

  /** The request parameters as a sampling JSON object (the backend's fallback, §3.1). */
  private static String parametersJson(Map<String, InferParameter> params) {
    ObjectNode o = JSON.createObjectNode();
    params.forEach(
        (k, v) -> {
          if (k.startsWith("triton_")) {
            return;
          }
          switch (v.getParameterChoiceCase()) {
            case BOOL_PARAM -> o.put(k, v.getBoolParam());
            case INT64_PARAM -> o.put(k, v.getInt64Param());
            case DOUBLE_PARAM -> o.put(k, v.getDoubleParam());
            case STRING_PARAM -> o.put(k, v.getStringParam());
            default -> o.put(k, v.getUint64Param());
          }
        });
    return o.toString();
  }

  /** Stops accepting requests; the checkpoint is released once the running ones finished. */
  @Override
  public void close() {
    scheduler.close();
  }

  private void release() {
    transformer.close();
    tokenizer.close();
  }
}
