package io.acbench.runtime.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A Hugging Face tokenizer loaded from a model directory: {@code tokenizer.json} runs through the
 * Rust {@code tokenizers} library (DJL binding); {@code tokenizer_config.json} supplies the BOS/EOS
 * tokens and the chat template; {@code generation_config.json}, when present, adds EOS ids.
 *
 * <p>Encoding never truncates or pads. Special tokens written in the text (such as {@code
 * <|im_start|>}) are always matched as single ids, as in Hugging Face; {@code addSpecialTokens}
 * only controls what the post-processor adds around the text (a BOS, for Llama and Mistral).
 */
public final class Tokenizer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HuggingFaceTokenizer hf;
  private final Vocabulary vocabulary;
  private final TokenizerSettings settings;
  private final int[] eosTokenIds;

  private Tokenizer(
      HuggingFaceTokenizer hf,
      Vocabulary vocabulary,
      TokenizerSettings settings,
      int[] eosTokenIds) {
    this.hf = hf;
    this.vocabulary = vocabulary;
    this.settings = settings;
    this.eosTokenIds = eosTokenIds;
  }

  /**
   * Loads the tokenizer of the model in {@code modelDir}.
   *
   * @throws TokenizerException naming the file: {@code tokenizer.json} missing, not JSON, or
   *     rejected by the tokenizers library (its reason is included); {@code tokenizer_config.json}
   *     malformed
   */
  public static Tokenizer load(Path modelDir) {
    Path file = modelDir.resolve("tokenizer.json");
    if (!Files.isRegularFile(file)) {
      throw new TokenizerException("missing " + file);
    }
    Vocabulary vocabulary = Vocabulary.read(file);
    Path configFile = modelDir.resolve("tokenizer_config.json");
    TokenizerSettings settings =
        Files.exists(configFile) ? TokenizerSettings.read(configFile) : TokenizerSettings.empty();
    int[] eos = eosIds(vocabulary, settings, modelDir.resolve("generation_config.json"));
    HuggingFaceTokenizer hf;
    try {
      hf =
          HuggingFaceTokenizer.builder()
              .optTokenizerPath(file)
              .optAddSpecialTokens(false)
              .optTruncation(false)
              .optPadding(false)
              .build();
    } catch (IOException | RuntimeException e) {
      throw new TokenizerException(
          "cannot load " + file + ": the tokenizers library rejected it (" + e.getMessage() + ")",
          e);
    }
    return new Tokenizer(hf, vocabulary, settings, eos);
  }

  private static int[] eosIds(Vocabulary vocabulary, TokenizerSettings settings, Path genConfig) {
    Set<Integer> ids = new LinkedHashSet<>();
    if (settings.eosToken() != null) {
      int id = vocabulary.id(settings.eosToken());
      if (id < 0) {
        throw new TokenizerException(
            "eos_token '"
                + settings.eosToken()
                + "' of tokenizer_config.json is not in the vocabulary");
      }
      ids.add(id);
    }
    if (Files.exists(genConfig)) {
      try {
        JsonNode eos = JSON.readTree(genConfig.toFile()).path("eos_token_id");
        if (eos.isArray()) {
          eos.forEach(n -> ids.add(n.asInt()));
        } else if (eos.canConvertToInt()) {
          ids.add(eos.asInt());
        }
      } catch (IOException e) {
        throw new TokenizerException("malformed " + genConfig + ": " + e.getMessage(), e);
      }
    }
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Token ids of {@code text}; with {@code addSpecialTokens} the post-processor adds its BOS. */
  public int[] encode(String text, boolean addSpecialTokens) {
    long[] ids = hf.encode(text, addSpecialTokens, false).getIds();
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = Math.toIntExact(ids[i]);
    }
    return out;
  }

  /** Text of {@code ids}; with {@code skipSpecialTokens} special added tokens are left out. */
  public String decode(int[] ids, boolean skipSpecialTokens) {
    long[] longs = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      longs[i] = ids[i];
    }
    return hf.decode(longs, skipSpecialTokens);
  }

  /** A fresh incremental decoder for one generated sequence. */
  public StreamDecoder streamDecoder(boolean skipSpecialTokens) {
    return new StreamDecoder(this, skipSpecialTokens);
  }

  /** The id of a vocabulary or added token string (in its raw form, e.g. {@code Ġthe}), or -1. */
  public int tokenId(String token) {
    return vocabulary.id(token);
  }

  /** The raw token string of an id, or null when the tokenizer does not use that id. */
  public String token(int id) {
    return vocabulary.token(id);
  }

  /** One more than the largest id the tokenizer uses (a model's vocab_size may be larger). */
  public int vocabSize() {
    return vocabulary.size();
  }

  /** Ids of the added tokens marked special. */
  public Set<Integer> specialTokenIds() {
    return vocabulary.specialIds();
  }

  /** The id of {@code bos_token}, or -1 when the model has none. */
  public int bosTokenId() {
    return settings.bosToken() == null ? -1 : vocabulary.id(settings.bosToken());
  }

  /** The id of {@code eos_token}, then any further ids from {@code generation_config.json}. */
  public int[] eosTokenIds() {
    return eosTokenIds.clone();
  }

  /** What {@code tokenizer_config.json} says (tokens, add_bos_token, chat templates). */
  public TokenizerSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    hf.close();
  }
}
