package io.acbench.inference.client;

import com.google.protobuf.ByteString;
import io.acbench.contracts.grpc.inference.InferParameter;
import io.acbench.contracts.grpc.inference.ModelInferResponse;
import io.acbench.contracts.grpc.inference.ModelStreamInferResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds server responses the way Triton's gRPC frontend writes them, with its own little-endian
 * encoding (independent of the client's {@link Tensors}).
 */
final class Responses {

  private Responses() {}

  static ByteString bytesElement(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buf = ByteBuffer.allocate(4 + b.length).order(ByteOrder.LITTLE_ENDIAN);
    buf.putInt(b.length).put(b);
    return ByteString.copyFrom(buf.array());
  }

  static ByteString uint32(int v) {
    return ByteString.copyFrom(
        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
  }

  static ByteString fp32(float v) {
    return ByteString.copyFrom(
        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v).array());
  }

  static ModelInferResponse.InferOutputTensor tensor(String name, String datatype, long... shape) {
    ModelInferResponse.InferOutputTensor.Builder t =
        ModelInferResponse.InferOutputTensor.newBuilder().setName(name).setDatatype(datatype);
    for (long d : shape) {
      t.addShape(d);
    }
    return t.build();
  }

  static InferParameter finalFlag(boolean fin) {
    return InferParameter.newBuilder().setBoolParam(fin).build();
  }

  /** A data response with {@code text_output} and {@code num_output_tokens}. */
  static ModelStreamInferResponse delta(String id, String text, int tokens, boolean fin) {
    return ModelStreamInferResponse.newBuilder()
        .setInferResponse(
            ModelInferResponse.newBuilder()
                .setModelName("llm")
                .setModelVersion("1")
                .setId(id)
                .putParameters("triton_final_response", finalFlag(fin))
                .addOutputs(tensor("text_output", "BYTES", 1))
                .addRawOutputContents(bytesElement(text))
                .addOutputs(tensor("num_output_tokens", "UINT32", 1))
                .addRawOutputContents(uint32(tokens)))
        .build();
  }

  /** A full vLLM data response with every return_* output. */
  static ModelStreamInferResponse full(
      String id,
      String text,
      int inputTokens,
      int outputTokens,
      String finishReason,
      float cumulative,
      String logprobsJson,
      boolean fin) {
    return ModelStreamInferResponse.newBuilder()
        .setInferResponse(
            ModelInferResponse.newBuilder()
                .setModelName("llm")
                .setModelVersion("1")
                .setId(id)
                .putParameters("triton_final_response", finalFlag(fin))
                .addOutputs(tensor("text_output", "BYTES", 1))
                .addRawOutputContents(bytesElement(text))
                .addOutputs(tensor("finish_reason", "BYTES", 1))
                .addRawOutputContents(bytesElement(finishReason))
                .addOutputs(tensor("cumulative_logprob", "FP32", 1))
                .addRawOutputContents(fp32(cumulative))
                .addOutputs(tensor("logprobs", "BYTES", 1))
                .addRawOutputContents(bytesElement(logprobsJson))
                .addOutputs(tensor("num_input_tokens", "UINT32", 1))
                .addRawOutputContents(uint32(inputTokens))
                .addOutputs(tensor("num_output_tokens", "UINT32", 1))
                .addRawOutputContents(uint32(outputTokens)))
        .build();
  }

  /** The flags-only final response Triton sends with empty final responses enabled. */
  static ModelStreamInferResponse emptyFinal(String id) {
    return ModelStreamInferResponse.newBuilder()
        .setInferResponse(
            ModelInferResponse.newBuilder()
                .setModelName("llm")
                .setModelVersion("1")
                .setId(id)
                .putParameters("triton_final_response", finalFlag(true)))
        .build();
  }

  /** An in-stream error for request {@code id} (request-setup errors carry no final flag). */
  static ModelStreamInferResponse error(String id, String message) {
    return ModelStreamInferResponse.newBuilder()
        .setErrorMessage(message)
        .setInferResponse(ModelInferResponse.newBuilder().setModelName("llm").setId(id))
        .build();
  }
}
