package io.acbench.inference.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.ByteString;
import io.acbench.contracts.grpc.inference.InferTensorContents;
import io.acbench.contracts.grpc.inference.ModelInferRequest;
import io.acbench.contracts.grpc.inference.ModelInferRequest.InferInputTensor;
import io.acbench.contracts.grpc.inference.ModelInferResponse;
import io.acbench.inference.GrpcTestChannel;
import io.acbench.inference.Requests;
import io.acbench.inference.TestRepository;
import io.acbench.runtime.model.ForwardHooks;
import io.acbench.runtime.model.Transformer;
import io.acbench.runtime.tokenizer.Tokenizer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The probe's outputs against values computed here from llm-runtime's full logits. */
@QuarkusTest
class ProbeModelTest {

  private static final String[] TEXTS = {"the cat sat on the mat", "hello world"};
  private static final int K = 5;

  @BeforeAll
  static void load() throws Exception {
    GrpcTestChannel.load("tiny-probe");
  }

  @Test
  void textBatchMatchesTheFullForwardPass() throws Exception {
    var b = ModelInferRequest.newBuilder().setModelName("tiny-probe").setId("p1");
    Requests.addBytes(b, "text_input", TEXTS);
    b.addInputs(
        InferInputTensor.newBuilder()
            .setName("top_k")
            .setDatatype("INT32")
            .addShape(1)
            .setContents(InferTensorContents.newBuilder().addIntContents(K)));
    b.addInputs(
        InferInputTensor.newBuilder()
            .setName("return_hidden_states")
            .setDatatype("BOOL")
            .addShape(1)
            .setContents(InferTensorContents.newBuilder().addBoolContents(true)));
    // raw for the BYTES input and contents for the others cannot mix: send all as contents
    b.clearRawInputContents();
    b.setInputs(
        0,
        b.getInputs(0).toBuilder()
            .setContents(
                InferTensorContents.newBuilder()
                    .addBytesContents(ByteString.copyFromUtf8(TEXTS[0]))
                    .addBytesContents(ByteString.copyFromUtf8(TEXTS[1]))));
    ModelInferResponse r = GrpcTestChannel.blocking().modelInfer(b.build());
    assertThat(r.getId()).isEqualTo("p1");

    try (Transformer model = Transformer.load(TestRepository.CHECKPOINT);
        Tokenizer tokenizer = Tokenizer.load(TestRepository.CHECKPOINT)) {
      int vocab = model.config().vocabSize();
      int hidden = model.config().hiddenSize();
      int[][] ids = Arrays.stream(TEXTS).map(t -> tokenizer.encode(t, true)).toArray(int[][]::new);
      int longest = Math.max(ids[0].length, ids[1].length);
      assertThat(r.getOutputs(Requests.index(r, "gram")).getShapeList())
          .containsExactly(2L, (long) longest, (long) longest);
      ByteBuffer num = Requests.raw(r, "num_tokens");
      ByteBuffer lse = Requests.raw(r, "logsumexp");
      ByteBuffer topIds = Requests.raw(r, "topk_ids");
      ByteBuffer topLogits = Requests.raw(r, "topk_logits");
      ByteBuffer gram = Requests.raw(r, "gram");
      ByteBuffer hiddenOut = Requests.raw(r, "hidden_states");
      float[][] captured = new float[1][];
      model.setHooks(
          new ForwardHooks() {
            @Override
            public void finalHidden(float[] h, int rows, int size) {
              captured[0] = Arrays.copyOf(h, rows * size);
            }
          });
      for (int s = 0; s < 2; s++) {
        int n = ids[s].length;
        assertThat(num.getLong(s * 8)).isEqualTo(n);
        float[] logits = model.forward(ids[s]);
        for (int t = 0; t < longest; t++) {
          int at = s * longest + t;
          if (t >= n) {
            assertThat(lse.getFloat(at * 4)).isZero();
            assertThat(topIds.getLong(at * K * 8)).isEqualTo(-1);
            continue;
          }
          double sum = 0;
          for (int v = 0; v < vocab; v++) {
            sum += Math.exp(logits[t * vocab + v]);
          }
          assertThat((double) lse.getFloat(at * 4)).isCloseTo(Math.log(sum), within(1e-4));
          int row = t;
          Integer[] order =
              IntStream.range(0, vocab)
                  .boxed()
                  .sorted(Comparator.comparingDouble((Integer v) -> -logits[row * vocab + v]))
                  .toArray(Integer[]::new);
          for (int j = 0; j < K; j++) {
            assertThat(topIds.getLong((at * K + j) * 8)).isEqualTo((long) order[j]);
            assertThat(topLogits.getFloat((at * K + j) * 4))
                .isCloseTo(logits[row * vocab + order[j]], within(1e-5f));
          }
          for (int h = 0; h < hidden; h++) {
            assertThat(hiddenOut.getFloat((at * hidden + h) * 4))
                .isCloseTo(captured[0][t * hidden + h], within(1e-5f));
          }
        }
        double[][] expected = gram(logits, n, vocab);
        for (int i = 0; i < longest; i++) {
          for (int j = 0; j < longest; j++) {
            double got = gram.getDouble(((s * longest + i) * longest + j) * 8);
            double want = i < n && j < n ? expected[i][j] : 0;
            assertThat(got).as("gram[%d][%d][%d]", s, i, j).isCloseTo(want, within(1e-6));
          }
        }
      }
    }
  }

  @Test
  void tokenIdsWithLengthsGiveTheSameOutputsAsText() throws Exception {
    int[] ids;
    try (Tokenizer tokenizer = Tokenizer.load(TestRepository.CHECKPOINT)) {
      ids = tokenizer.encode(TEXTS[1], true);
    }
    var text = ModelInferRequest.newBuilder().setModelName("tiny-probe");
    Requests.addBytes(text, "text_input", TEXTS[1]);
    var viaText = GrpcTestChannel.blocking().modelInfer(text.build());

    int width = ids.length + 3;
    var contents = InferTensorContents.newBuilder();
    for (int i = 0; i < width; i++) {
      contents.addIntContents(i < ids.length ? ids[i] : 0);
    }
    var tokens =
        ModelInferRequest.newBuilder()
            .setModelName("tiny-probe")
            .addInputs(
                InferInputTensor.newBuilder()
                    .setName("input_ids")
                    .setDatatype("INT32")
                    .addShape(1)
                    .addShape(width)
                    .setContents(contents))
            .addInputs(
                InferInputTensor.newBuilder()
                    .setName("input_lengths")
                    .setDatatype("INT64")
                    .addShape(1)
                    .setContents(InferTensorContents.newBuilder().addInt64Contents(ids.length)));
    var viaIds = GrpcTestChannel.blocking().modelInfer(tokens.build());
    var a = Requests.raw(viaIds, "logsumexp");
    var b = Requests.raw(viaText, "logsumexp");
    assertThat(a.remaining()).isEqualTo(b.remaining());
    for (int i = 0; i < a.remaining(); i += 4) {
      assertThat(a.getFloat(i)).isCloseTo(b.getFloat(i), within(1e-5f));
    }
    var ga = Requests.raw(viaIds, "gram");
    var gb = Requests.raw(viaText, "gram");
    assertThat(ga.remaining()).isEqualTo(gb.remaining());
    for (int i = 0; i < ga.remaining(); i += 8) {
      assertThat(ga.getDouble(i)).isCloseTo(gb.getDouble(i), within(1e-6));
    }
    assertThat(Requests.has(viaIds, "topk_ids")).isFalse();
  }

  @Test
  void referenceIdsAreAnsweredWithThisModelsLogitsAtThoseIds() throws Exception {
    int[][] ids;
    try (Tokenizer tokenizer = Tokenizer.load(TestRepository.CHECKPOINT)) {
      ids = Arrays.stream(TEXTS).map(t -> tokenizer.encode(t, true)).toArray(int[][]::new);
    }
    try (Transformer model = Transformer.load(TestRepository.CHECKPOINT)) {
      int vocab = model.config().vocabSize();
      int longest = Math.max(ids[0].length, ids[1].length);
      int kr = 7;
      Random random = new Random(42);
      long[] reference = new long[2 * longest * kr];
      for (int i = 0; i < reference.length; i++) {
        reference[i] = random.nextInt(vocab);
      }
      // INT32 like input_ids; the padded positions of the shorter sequence hold -1 (ignored)
      var refContents = InferTensorContents.newBuilder();
      for (int s = 0; s < 2; s++) {
        for (int t = 0; t < longest; t++) {
          for (int j = 0; j < kr; j++) {
            int at = (s * longest + t) * kr + j;
            refContents.addIntContents(t < ids[s].length ? (int) reference[at] : -1);
          }
        }
      }
      ModelInferResponse r =
          GrpcTestChannel.blocking()
              .modelInfer(
                  idsRequest(ids, longest)
                      .addInputs(
                          InferInputTensor.newBuilder()
                              .setName("reference_ids")
                              .setDatatype("INT32")
                              .addShape(2)
                              .addShape(longest)
                              .addShape(kr)
                              .setContents(refContents))
                      .build());
      assertThat(r.getOutputs(Requests.index(r, "reference_logits")).getShapeList())
          .containsExactly(2L, (long) longest, (long) kr);
      ByteBuffer got = Requests.raw(r, "reference_logits");
      for (int s = 0; s < 2; s++) {
        float[] logits = model.forward(ids[s]);
        for (int t = 0; t < longest; t++) {
          for (int j = 0; j < kr; j++) {
            int at = (s * longest + t) * kr + j;
            float want = t < ids[s].length ? logits[t * vocab + (int) reference[at]] : 0f;
            assertThat(got.getFloat(at * 4))
                .as("reference_logits[%d][%d][%d]", s, t, j)
                .isCloseTo(want, within(1e-5f));
          }
        }
      }
    }
  }

  @Test
  void badReferenceIdsAreInvalidArgumentsNamingTheInput() throws Exception {
    int[][] ids;
    int vocab;
    try (Tokenizer tokenizer = Tokenizer.load(TestRepository.CHECKPOINT);
        Transformer model = Transformer.load(TestRepository.CHECKPOINT)) {
      ids = new int[][] {tokenizer.encode(TEXTS[1], true)};
      vocab = model.config().vocabSize();
    }
    int n = ids[0].length;
    assertInvalid(
        withReference(ids, n, reference(1, n - 1, 3, 0)),
        "unexpected shape for input 'reference_ids' for model 'tiny-probe'");
    assertInvalid(
        withReference(ids, n, reference(1, n, 65, 0)),
        "unexpected shape for input 'reference_ids'");
    assertInvalid(
        withReference(ids, n, reference(1, n, 3, vocab)),
        "input 'reference_ids' for model 'tiny-probe' has id " + vocab);
    var outputOnly = idsRequest(ids, n);
    outputOnly.addOutputs(
        ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("reference_logits"));
    assertInvalid(outputOnly.build(), "output 'reference_logits' needs input 'reference_ids'");
  }

  private static void assertInvalid(ModelInferRequest request, String message) {
    assertThatThrownBy(() -> GrpcTestChannel.blocking().modelInfer(request))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains(message);
            });
  }

  /** An INT64 reference_ids tensor of shape [b, t, k] filled with {@code value}. */
  private static InferInputTensor reference(int b, int t, int k, long value) {
    var contents = InferTensorContents.newBuilder();
    for (int i = 0; i < b * t * k; i++) {
      contents.addInt64Contents(value);
    }
    return InferInputTensor.newBuilder()
        .setName("reference_ids")
        .setDatatype("INT64")
        .addShape(b)
        .addShape(t)
        .addShape(k)
        .setContents(contents)
        .build();
  }

  private static ModelInferRequest withReference(int[][] ids, int width, InferInputTensor ref) {
    return idsRequest(ids, width).addInputs(ref).build();
  }

  /** input_ids (INT64, right-padded to width) and input_lengths of the sequences. */
  private static ModelInferRequest.Builder idsRequest(int[][] ids, int width) {
    var contents = InferTensorContents.newBuilder();
    var lengths = InferTensorContents.newBuilder();
    for (int[] seq : ids) {
      for (int i = 0; i < width; i++) {
        contents.addInt64Contents(i < seq.length ? seq[i] : 0);
      }
      lengths.addInt64Contents(seq.length);
    }
    return ModelInferRequest.newBuilder()
        .setModelName("tiny-probe")
        .addInputs(
            InferInputTensor.newBuilder()
                .setName("input_ids")
                .setDatatype("INT64")
                .addShape(ids.length)
                .addShape(width)
                .setContents(contents))
        .addInputs(
            InferInputTensor.newBuilder()
                .setName("input_lengths")
                .setDatatype("INT64")
                .addShape(ids.length)
                .setContents(lengths));
  }

  /** (1/N) R Rᵀ with r_i the centred, normalised logit rows, written out directly. */
  private static double[][] gram(float[] logits, int n, int vocab) {
    double[][] r = new double[n][vocab];
    for (int v = 0; v < vocab; v++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += logits[i * vocab + v];
      }
      mean /= n;
      for (int i = 0; i < n; i++) {
        r[i][v] = logits[i * vocab + v] - mean;
      }
    }
    for (double[] row : r) {
      double norm = Math.sqrt(Arrays.stream(row).map(x -> x * x).sum());
      for (int v = 0; v < vocab; v++) {
        row[v] /= norm;
      }
    }
    double[][] g = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double dot = 0;
        for (int v = 0; v < vocab; v++) {
          dot += r[i][v] * r[j][v];
        }
        g[i][j] = dot / n;
      }
    }
    return g;
  }
}
