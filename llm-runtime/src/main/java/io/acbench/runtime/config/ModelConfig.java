package io.acbench.runtime.config;

/**
 * The parts of a Hugging Face {@code config.json} that define a decoder-only transformer of the
 * Llama, Qwen2 or Mistral family. Field names follow the JSON keys.
 *
 * @param architecture the single entry of {@code architectures}, e.g. {@code Qwen2ForCausalLM}
 * @param modelType {@code model_type}: {@code llama}, {@code qwen2} or {@code mistral}
 * @param hiddenSize {@code hidden_size}
 * @param intermediateSize {@code intermediate_size} (SwiGLU width)
 * @param numHiddenLayers {@code num_hidden_layers}
 * @param numAttentionHeads {@code num_attention_heads}
 * @param numKeyValueHeads {@code num_key_value_heads} (grouped-query attention)
 * @param headDim {@code head_dim}, defaulting to hiddenSize / numAttentionHeads
 * @param vocabSize {@code vocab_size}
 * @param maxPositionEmbeddings {@code max_position_embeddings}
 * @param rmsNormEps {@code rms_norm_eps}
 * @param ropeTheta {@code rope_theta}
 * @param ropeScaling {@code rope_scaling}, or null when absent
 * @param attentionBias whether q/k/v projections carry a bias (true for Qwen2, {@code
 *     attention_bias} for Llama)
 * @param tieWordEmbeddings {@code tie_word_embeddings}: the LM head reuses the embedding matrix
 * @param slidingWindow attention window in tokens, or 0 when attention is global
 * @param bosTokenId {@code bos_token_id}, or -1
 * @param eosTokenIds {@code eos_token_id} (a number or a list in the JSON)
 * @param torchDtype {@code torch_dtype}, e.g. {@code bfloat16}, or null
 * @param quantization {@code quantization_config}, or null for dense weights
 */
public record ModelConfig(
    String architecture,
    String modelType,
    int hiddenSize,
    int intermediateSize,
    int numHiddenLayers,
    int numAttentionHeads,
    int numKeyValueHeads,
    int headDim,
    int vocabSize,
    int maxPositionEmbeddings,
    double rmsNormEps,
    double ropeTheta,
    RopeScaling ropeScaling,
    boolean attentionBias,
    boolean tieWordEmbeddings,
    int slidingWindow,
    int bosTokenId,
    int[] eosTokenIds,
    String torchDtype,
    QuantizationConfig quantization) {

  /**
   * {@code rope_scaling}: {@code rope_type} {@code default}, {@code linear} or {@code llama3}.
   *
   * @param ropeType the scaling rule
   * @param factor {@code factor}
   * @param lowFreqFactor {@code low_freq_factor} (llama3 only)
   * @param highFreqFactor {@code high_freq_factor} (llama3 only)
   * @param originalMaxPositionEmbeddings {@code original_max_position_embeddings} (llama3 only)
   */
  public record RopeScaling(
      String ropeType,
      double factor,
      double lowFreqFactor,
      double highFreqFactor,
      int originalMaxPositionEmbeddings) {}

  /**
   * {@code quantization_config} as vLLM reads it.
   *
   * @param quantMethod {@code quant_method}: {@code gptq} or {@code awq}
   * @param bits {@code bits} (4 for the int4 kernels)
   * @param groupSize {@code group_size}; -1 means one group spanning the whole input width
   * @param descAct {@code desc_act} (GPTQ act-order, with {@code g_idx})
   * @param sym {@code sym} (GPTQ); AWQ is always asymmetric ({@code zero_point: true})
   * @param version AWQ {@code version} ({@code gemm}) or GPTQ {@code checkpoint_format}
   */
  public record QuantizationConfig(
      String quantMethod, int bits, int groupSize, boolean descAct, boolean sym, String version) {}

  /** Query heads per key/value head. */
  public int queryGroupSize() {
    return numAttentionHeads / numKeyValueHeads;
  }

  /** Width of the key and value projections: numKeyValueHeads × headDim. */
  public int kvDim() {
    return numKeyValueHeads * headDim;
  }
}
