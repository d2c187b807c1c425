package io.acbench.contracts.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.acbench.contracts.grpc.inference.InferParameter;
import io.acbench.contracts.grpc.inference.InferTensorContents;
import io.acbench.contracts.grpc.inference.ModelInferRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ModelInferRequestWireTest {

  @Test
  void requestWithEveryParameterKindSurvivesBytesAndBack() throws Exception {
    ModelInferRequest request =
        ModelInferRequest.newBuilder()
            .setModelName("vllm_model")
            .setModelVersion("1")
            .setId("req-7")
            .putParameters("sequence_start", InferParameter.newBuilder().setBoolParam(true).build())
            .putParameters("timeout", InferParameter.newBuilder().setInt64Param(-5_000L).build())
            .putParameters("sequence_id", InferParameter.newBuilder().setStringParam("s-1").build())
            .putParameters("temperature", InferParameter.newBuilder().setDoubleParam(0.25).build())
            .putParameters("priority", InferParameter.newBuilder().setUint64Param(-1L).build())
            .addInputs(
                ModelInferRequest.InferInputTensor.newBuilder()
                    .setName("text_input")
                    .setDatatype("BYTES")
                    .addShape(1)
                    .putParameters(
                        "shared_memory_offset",
                        InferParameter.newBuilder().setInt64Param(8).build())
                    .setContents(
                        InferTensorContents.newBuilder()
                            .addBytesContents(ByteString.copyFromUtf8("hi"))
                            .addFp32Contents(1.5f)
                            .addInt64Contents(Long.MIN_VALUE)
                            .addUintContents(-1)
                            .addBoolContents(true)))
            .addInputs(
                ModelInferRequest.InferInputTensor.newBuilder()
                    .setName("stream")
                    .setDatatype("BOOL")
                    .addShape(1))
            .addOutputs(
                ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("text_output"))
            // BYTES raw form: 4-byte little-endian length, then the bytes (§1.11 rule 4).
            .addRawInputContents(ByteString.copyFrom(new byte[] {2, 0, 0, 0, 'h', 'i'}))
            .addRawInputContents(ByteString.copyFrom(new byte[] {1}))
            .build();

    ModelInferRequest parsed = ModelInferRequest.parseFrom(request.toByteArray());

    assertThat(parsed).isEqualTo(request);
    assertThat(parsed.getUnknownFields().asMap()).isEmpty();
    assertThat(parsed.getParametersMap().get("temperature").getParameterChoiceCase())
        .isEqualTo(InferParameter.ParameterChoiceCase.DOUBLE_PARAM);
    assertThat(parsed.getParametersMap().get("priority").getUint64Param()).isEqualTo(-1L);
    assertThat(
            parsed.getInputs(0).getContents().getBytesContents(0).toString(StandardCharsets.UTF_8))
        .isEqualTo("hi");
    assertThat(parsed.getRawInputContentsList()).hasSize(2);
  }

  @Test
  void idTravelsAsFieldThreeLengthDelimited() {
    // Tag byte = (field number << 3) | wire type 2: 0x1A for id = 3, then length 1 and 'x'.
    byte[] bytes = ModelInferRequest.newBuilder().setId("x").build().toByteArray();

    assertThat(bytes).containsExactly(0x1A, 0x01, 'x');
  }
}
