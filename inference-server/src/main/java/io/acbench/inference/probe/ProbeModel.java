package io.acbench.inference.probe;

import io.acbench.contracts.grpc.inference.ModelInferRequest;
import io.acbench.contracts.grpc.inference.ModelInferRequest.InferRequestedOutputTensor;
import io.acbench.contracts.grpc.inference.ModelInferResponse;
import io.acbench.contracts.grpc.inference.ModelOutput;
import io.acbench.inference.model.ModelDefinition;
import io.acbench.inference.stats.ModelStats;
import io.acbench.inference.tensor.InferenceException;
import io.acbench.inference.tensor.InputDecoder;
import io.acbench.inference.tensor.InputValidator;
import io.acbench.inference.tensor.Tensor;
import io.acbench.runtime.model.ForwardHooks;
import io.acbench.runtime.model.Transformer;
import io.acbench.runtime.tokenizer.Tokenizer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A loaded probe model (inference-server/README.md (model contracts) §2): one full forward pass per
 * sequence, reduced on the server to log-sum-exp, top-k, the ERank Gram matrix and optionally the
 * final hidden states. Passes are serialised: the transformer's working buffers are not
 * thread-safe.
 */
public final class ProbeModel implements AutoCloseable {

  /** Largest top-k the probe returns. */
  public static final int MAX_TOP_K = 64;

  private final ModelDefinition definition;
  private final Transformer transformer;
  private final Tokenizer tokenizer;
  private final ModelStats stats;
  private final int maxLength;
  private final HiddenCapture hidden = new HiddenCapture();

  public ProbeModel(ModelDefinition definition, int maxSequenceLength, ModelStats stats) {
    this.definition = definition;
    this.stats = stats;
    this.transformer = Transformer.load(definition.checkpoint());
    this.tokenizer = Tokenizer.load(definition.checkpoint());
    int length = definition.maxModelLen() > 0 ? definition.maxModelLen() : maxSequenceLength;
    this.maxLength = Math.min(length, transformer.config().maxPositionEmbeddings());
    transformer.setHooks(hidden);
  }

  /** Runs one request; throws {@link InferenceException} for bad input. */
  public synchronized ModelInferResponse infer(ModelInferRequest request) {
    long start = System.nanoTime();
    try {
      ProbeRequest parsed = parse(request);
      stats.inputDecoded(System.nanoTime() - start);
      ProbeResult result = new ProbeResult(parsed, transformer.config().hiddenSize());
      for (int b = 0; b < parsed.sequences().length; b++) {
        long t0 = System.nanoTime();
        hidden.enabled = parsed.hiddenStates();
        float[] logits = transformer.forward(parsed.sequences()[b]);
        result.add(b, logits, transformer.config().vocabSize(), hidden.last);
        stats.execution(System.nanoTime() - t0);
      }
      long t1 = System.nanoTime();
      ModelInferResponse.Builder r =
          ModelInferResponse.newBuilder()
              .setModelName(definition.name())
              .setModelVersion(definition.version())
              .setId(request.getId());
      result.write(r, parsed.outputs());
      stats.outputEncoded(System.nanoTime() - t1);
      stats.succeeded(System.nanoTime() - start);
      return r.build();
    } catch (RuntimeException e) {
      stats.failed(System.nanoTime() - start);
      throw e;
    }
  }

  private ProbeRequest parse(ModelInferRequest request) {
    String model = definition.name();
    Map<String, Tensor> in = InputDecoder.decode(request);
    InputValidator.validate(
        definition.config(), in, Set.of("input_ids", "input_lengths", "reference_ids"));
    int topK = in.containsKey("top_k") ? (int) in.get("top_k").longs()[0] : 0;
    if (topK < 0 || topK > MAX_TOP_K) {
      throw InferenceException.invalid(
          "top_k for model '" + model + "' must be in [0, " + MAX_TOP_K + "], got " + topK);
    }
    boolean hiddenStates =
        in.containsKey("return_hidden_states") && in.get("return_hidden_states").firstBool();
    int[][] sequences =
        ProbeRequest.sequences(in, tokenizer, model, transformer.config().vocabSize(), maxLength);
    ReferenceIds reference =
        in.containsKey("reference_ids")
            ? ReferenceIds.parse(
                in.get("reference_ids"), sequences, model, transformer.config().vocabSize())
            : null;
    return new ProbeRequest(
        sequences,
        topK,
        hiddenStates,
        reference,
        outputs(request, topK, hiddenStates, reference != null));
  }

  /** The outputs to return: those requested, else every output the options enable. */
  private Set<String> outputs(
      ModelInferRequest request, int topK, boolean hiddenStates, boolean reference) {
    Set<String> declared = new HashSet<>();
    for (ModelOutput o : definition.config().getOutputList()) {
      declared.add(o.getName());
    }
    Set<String> out = new HashSet<>();
    if (request.getOutputsCount() == 0) {
      out.addAll(Set.of("num_tokens", "logsumexp", "gram"));
      if (topK > 0) {
        out.addAll(Set.of("topk_ids", "topk_logits"));
      }
      if (hiddenStates) {
        out.add("hidden_states");
      }
      if (reference) {
        out.add("reference_logits");
      }
      return out;
    }
    for (InferRequestedOutputTensor o : request.getOutputsList()) {
      if (!declared.contains(o.getName())) {
        throw InferenceException.invalid(
            "unexpected inference output '"
                + o.getName()
                + "' for model '"
                + definition.name()
                + "'");
      }
      out.add(o.getName());
    }
    if (out.contains("hidden_states") && !hiddenStates) {
      throw InferenceException.invalid(
          "output 'hidden_states' needs input return_hidden_states = true");
    }
    if (out.contains("reference_logits") && !reference) {
      throw InferenceException.invalid("output 'reference_logits' needs input 'reference_ids'");
    }
    return out;
  }

  @Override
  public synchronized void close() {
    transformer.close();
    tokenizer.close();
  }

  /** Keeps a copy of the final hidden states (after the final norm) of the last pass. */
  private static final class HiddenCapture implements ForwardHooks {
    boolean enabled;
    float[] last;

    @Override
    public void finalHidden(float[] h, int rows, int hiddenSize) {
      last = enabled ? java.util.Arrays.copyOf(h, rows * hiddenSize) : null;
    }
  }
}
