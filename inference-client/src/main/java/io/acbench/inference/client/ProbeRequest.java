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
 * @param referenceIds optional, only with {@code tokenIds}: per sequence (N_b, k') a reference
 *     model's top-k ids at each position (k' in [1, 64], the same for every sequence); the server
 *     answers {@code reference_logits}, this model's logits at those ids. Null = none
 */
public record ProbeRequest(
    String modelName,
    String modelVersion,
    List<String> texts,
    List<long[]> tokenIds,
    int topK,
    boolean returnHiddenStates,
    Set<String> outputs,
    List<long[][]> referenceIds) {

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
    if (referenceIds != null) {
      referenceIds = checkReference(referenceIds, tokenIds);
    }
  }

  public ProbeRequest(
      String modelName,
      String modelVersion,
      List<String> texts,
      List<long[]> tokenIds,
      int topK,
      boolean returnHiddenStates,
      Set<String> outputs) {
    this(modelName, modelVersion, texts, tokenIds, topK, returnHiddenStates, outputs, null);
  }

  private static List<long[][]> checkReference(List<long[][]> reference, List<long[]> tokenIds) {
    if (tokenIds == null) {
      throw new IllegalArgumentException("referenceIds need tokenIds (not texts)");
    }
    if (reference.size() != tokenIds.size()) {
      throw new IllegalArgumentException(
          "referenceIds has "
              + reference.size()
              + " sequences, tokenIds "
              + tokenIds.size()
              + "; they must be equal");
    }
    int k = -1;
    List<long[][]> copy = new java.util.ArrayList<>(reference.size());
    for (int b = 0; b < reference.size(); b++) {
      long[][] rows = reference.get(b);
      if (rows.length != tokenIds.get(b).length) {
        throw new IllegalArgumentException(
            "referenceIds["
                + b
                + "] has "
                + rows.length
                + " positions, the sequence "
                + tokenIds.get(b).length);
      }
      long[][] rowsCopy = new long[rows.length][];
      for (int t = 0; t < rows.length; t++) {
        if (k < 0) {
          k = rows[t].length;
        }
        if (rows[t].length != k || k < 1 || k > MAX_TOP_K) {
          throw new IllegalArgumentException(
              "referenceIds["
                  + b
                  + "]["
                  + t
                  + "] has "
                  + rows[t].length
                  + " ids; every position needs the same k in [1, "
                  + MAX_TOP_K
                  + "]");
        }
        rowsCopy[t] = rows[t].clone();
      }
      copy.add(rowsCopy);
    }
    return java.util.Collections.unmodifiableList(copy);
  }

  /** Asks for this model's logits at a reference model's ids (see {@link #referenceIds()}). */
  public ProbeRequest withReferenceIds(List<long[][]> ids) {
    return new ProbeRequest(
        modelName, modelVersion, texts, tokenIds, topK, returnHiddenStates, outputs, ids);
  }

  public static ProbeRequest ofTexts(String modelName, List<String> texts, int topK) {
    return new ProbeRequest(modelName, "", texts, null, topK, false, Set.of());
  }

  public static ProbeRequest ofTokenIds(String modelName, List<long[]> tokenIds, int topK) {
    return new ProbeRequest(modelName, "", null, tokenIds, topK, false, Set.of());
  }

  public ProbeRequest withHiddenStates() {
    return new ProbeRequest(
        modelName, modelVersion, texts, tokenIds, topK, true, outputs, referenceIds);
  }

  public ProbeRequest withOutputs(Set<String> names) {
    return new ProbeRequest(
        modelName, modelVersion, texts, tokenIds, topK, returnHiddenStates, names, referenceIds);
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
      if (referenceIds != null) {
        int k = referenceIds.getFirst()[0].length;
        long[] ref = new long[batch * width * k]; // (B, T, k'), padded positions 0
        for (int s = 0; s < batch; s++) {
          long[][] rows = referenceIds.get(s);
          for (int t = 0; t < rows.length; t++) {
            System.arraycopy(rows[t], 0, ref, (s * width + t) * k, k);
          }
        }
        InputTensor.int64(REFERENCE_IDS, new long[] {batch, width, k}, ref).addTo(b);
      }
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
