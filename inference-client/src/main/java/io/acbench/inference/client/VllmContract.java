package io.acbench.inference.client;

/** Tensor and parameter names of Triton's vLLM backend (protocol page §3.1, §1.12, §2.1). */
public final class VllmContract {
  public static final String TEXT_INPUT = "text_input";
  public static final String STREAM = "stream";
  public static final String SAMPLING_PARAMETERS = "sampling_parameters";
  public static final String EXCLUDE_INPUT_IN_OUTPUT = "exclude_input_in_output";
  public static final String RETURN_FINISH_REASON = "return_finish_reason";
  public static final String RETURN_CUMULATIVE_LOGPROB = "return_cumulative_logprob";
  public static final String RETURN_LOGPROBS = "return_logprobs";
  public static final String RETURN_NUM_INPUT_TOKENS = "return_num_input_tokens";
  public static final String RETURN_NUM_OUTPUT_TOKENS = "return_num_output_tokens";

  public static final String TEXT_OUTPUT = "text_output";
  public static final String FINISH_REASON = "finish_reason";
  public static final String CUMULATIVE_LOGPROB = "cumulative_logprob";
  public static final String LOGPROBS = "logprobs";
  public static final String NUM_INPUT_TOKENS = "num_input_tokens";
  public static final String NUM_OUTPUT_TOKENS = "num_output_tokens";

  /** Request parameter that makes flags-only final responses visible (§2.1 rule 6). */
  public static final String ENABLE_EMPTY_FINAL_RESPONSE = "triton_enable_empty_final_response";

  /** Response parameter set on every stream response; true on the last one (§2.1 rule 5). */
  public static final String FINAL_RESPONSE = "triton_final_response";

  /** Header that makes Triton close a stream with the real status on the first error (§1.13). */
  public static final String GRPC_ERROR_HEADER = "triton_grpc_error";

  private VllmContract() {}
}
