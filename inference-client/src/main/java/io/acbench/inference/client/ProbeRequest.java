package io.acbench.inference.client;

import static io.acbench.inference.client.ProbeContract.*;

import io.acbench.contracts.grpc.inference.ModelInferRequest;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One probe call: a batch of texts or of token-id sequences, reduced on the server to per-position
 * log-sum-exp, top-k ids and logits, the per-sequence Gram matrix and, on request, final hidden
 * states. Exactly one of {@code texts} and {@code tokenIds} is non-null.
 *
 * @param modelName the probe model
 * @param modelVersion empty = the server's choice
 * @param texts texts, tokenised by the server with special tokens added
 * @param tokenIds token-id sequences (each at least one token)
 * @param topK k in [0, 64]; 0 = no top-k outputs
 * @param returnHiddenStates ask for {@code hidden_states}
 * @param outputs restricts the returned outputs to these names ({@code num_tokens} is always
 *     added); empty = all
 */
public record ProbeRequest(
    String modelName,
    String modelVersion,
    List<String> texts,
    List<long[]> tokenIds,
    int topK,
    boolean returnHiddenStates,
    Set<String> outputs) {

  public ProbeRequest {
    if (modelName == null || modelName.isBlank()) {
      throw new IllegalArgumentException("modelName must not be blank");
    }
    modelVersion = modelVersion == null ? "" : modelVersion;
    if ((texts == null) == (tokenIds == null)) {
      throw new IllegalArgumentException("exactly one of texts and tokenIds must be given");
    }
    if (texts != null) {
      texts = List.copyOf(texts);
      if (texts.isEmpty()) {
        throw new IllegalArgumentException("texts must hold at least one text");
      }
    } else {
      tokenIds = tokenIds.stream().map(long[]::clone).toList();
      if (tokenIds.isEmpty()) {
        throw new IllegalArgumentException("tokenIds must hold at least one sequence");
      }
      for (int b = 0; b < tokenIds.size(); b++) {
        if (tokenIds.get(b).length == 0) {
          throw new IllegalArgumentException("tokenIds[" + b + "] must hold at least one token");
        }
      }
    }
    if (topK < 0 || topK > MAX_TOP_K) {
      throw new IllegalArgumentException("topK must be in [0, " + MAX_TOP_K + "], got " + topK);
    }
    Objects.requireNonNull(outputs, "outputs");
    if (!outputs.isEmpty() && !outputs.contains(NUM_TOKENS)) {
      // The per-sequence lengths are needed to strip the padding.
      Set<String> withLengths = new java.util.HashSet<>(outputs);
      withLengths.add(NUM_TOKENS);
      outputs = withLengths;
    }
    outputs = Set.copyOf(outputs);
  }

  public static ProbeRequest ofTexts(String modelName, List<String> texts, int topK) {
    return new ProbeRequest(modelName, "", texts, null, topK, false, Set.of());
  }

  public static ProbeRequest ofTokenIds(String modelName, List<long[]> tokenIds, int topK) {
    return new ProbeRequest(modelName, "", null, tokenIds, topK, false, Set.of());
  }

  public ProbeRequest withHiddenStates() {
    return new ProbeRequest(modelName, modelVersion, texts, tokenIds, topK, true, outputs);
  }

  public ProbeRequest withOutputs(Set<String> names) {
    return new ProbeRequest(
        modelName, modelVersion, texts, tokenIds, topK, returnHiddenStates, names);
  }

  public int batchSize() {
    return texts != null ? texts.size() : tokenIds.size();
  }

  ModelInferRequest toProto(String id) {
    ModelInferRequest.Builder b =
        ModelInferRequest.newBuilder()
            .setModelName(modelName)
            .setModelVersion(modelVersion)
            .setId(id);
    if (texts != null) {
      InputTensor.strings(TEXT_INPUT, new long[] {texts.size()}, texts).addTo(b);
    } else {
      int batch = tokenIds.size();
      int width = tokenIds.stream().mapToInt(t -> t.length).max().orElseThrow();
      long[] ids = new long[batch * width]; // (B, L), right-padded with 0
      long[] lengths = new long[batch];
      for (int s = 0; s < batch; s++) {
        long[] row = tokenIds.get(s);
        System.arraycopy(row, 0, ids, s * width, row.length);
        lengths[s] = row.length;
      }
      InputTensor.int64(INPUT_IDS, new long[] {batch, width}, ids).addTo(b);
      InputTensor.int64(INPUT_LENGTHS, new long[] {batch}, lengths).addTo(b);
    }
    InputTensor.int32(TOP_K, new long[] {1}, new int[] {topK}).addTo(b);
    if (returnHiddenStates) {
      InputTensor.bool(RETURN_HIDDEN_STATES, true).addTo(b);
    }
    for (String name : outputs) {
      b.addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName(name));
    }
    return b.build();
  }
}
