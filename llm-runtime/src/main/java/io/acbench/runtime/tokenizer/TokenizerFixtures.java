package io.acbench.runtime.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small but real {@code tokenizer.json} and {@code tokenizer_config.json} files for tests
 * and local runs, built entirely by our own code (no downloaded vocabularies).
 *
 * <ul>
 *   <li>{@code qwen2}: byte-level BPE, added tokens {@code <|endoftext|>} (pad), {@code
 *       <|im_start|>}, {@code <|im_end|>} (eos) after the BPE vocabulary, no BOS.
 *   <li>{@code llama}: byte-level BPE in the Llama 3 layout, {@code <|begin_of_text|>} (bos, added
 *       by the post-processor), header tokens and {@code <|eot_id|>} (eos).
 *   <li>{@code mistral}: SentencePiece-style BPE with byte fallback; {@code <unk>}, {@code <s>},
 *       {@code </s>} take ids 0 to 2.
 * </ul>
 *
 * The token ids never reach {@code vocabSize}; ids above the tokenizer's own vocabulary stay
 * unused, as in real checkpoints whose embedding matrix is padded. Output is byte-for-byte
 * deterministic.
 */
public final class TokenizerFixtures {

  /** Ids of the family's BOS, EOS and PAD tokens; -1 where the family has none. */
  public record Info(int bosTokenId, int eosTokenId, int padTokenId) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TokenizerFixtures() {}

  /**
   * Writes {@code tokenizer.json} and {@code tokenizer_config.json} into {@code dir} (created if
   * missing).
   *
   * @param family {@code qwen2}, {@code llama} or {@code mistral}
   * @param vocabSize the model's vocabulary size; every token id stays below it
   * @throws IllegalArgumentException for an unknown family or a vocabSize too small for the
   *     family's bytes and special tokens
   */
  public static Info write(Path dir, String family, int vocabSize) {
    FixtureFamily f = FixtureFamily.of(family);
    int minimum = 256 + f.addedTokens().size() + 64;
    if (vocabSize < minimum) {
      throw new IllegalArgumentException(
          "vocabSize " + vocabSize + " is too small for family " + family + ": need " + minimum);
    }
    Map<String, Integer> added = new LinkedHashMap<>();
    FixtureVocabularies.Bpe bpe;
    if (f.sentencePiece()) {
      f.addedTokens().forEach(t -> added.put(t, added.size()));
      bpe = FixtureVocabularies.sentencePiece(added.size(), vocabSize - added.size());
    } else {
      bpe = FixtureVocabularies.byteLevel(0, vocabSize - f.addedTokens().size());
      int next = bpe.vocab().size();
      for (String t : f.addedTokens()) {
        added.put(t, next++);
      }
    }
    try {
      Files.createDirectories(dir);
      writeJson(dir.resolve("tokenizer.json"), tokenizerJson(f, bpe, added));
      writeJson(dir.resolve("tokenizer_config.json"), tokenizerConfig(f, added));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write fixture tokenizer to " + dir, e);
    }
    return new Info(idOf(added, f.bos()), idOf(added, f.eos()), idOf(added, f.pad()));
  }

  /** The chat template text written for {@code family}. */
  public static String chatTemplate(String family) {
    String name = FixtureFamily.of(family).familyName() + ".jinja";
    try (InputStream in = TokenizerFixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing template resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read template resource " + name, e);
    }
  }

  private static Map<String, Object> tokenizerJson(
      FixtureFamily f, FixtureVocabularies.Bpe bpe, Map<String, Integer> added) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("version", "1.0");
    root.put("truncation", null);
    root.put("padding", null);
    List<Map<String, Object>> addedTokens = new ArrayList<>();
    added.forEach((content, id) -> addedTokens.add(addedToken(id, content, f.isSpecial(content))));
    root.put("added_tokens", addedTokens);
    root.put("normalizer", null);
    root.put("pre_tokenizer", f.sentencePiece() ? metaspace() : byteLevel());
    root.put("post_processor", f.bos() == null ? null : prependBos(f.bos(), added.get(f.bos())));
    root.put(
        "decoder",
        f.sentencePiece()
            ? obj("type", "Sequence", "decoders", List.of(obj("type", "ByteFallback"), metaspace()))
            : byteLevel());
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("type", "BPE");
    model.put("dropout", null);
    model.put("unk_token", f.sentencePiece() ? "<unk>" : null);
    model.put("continuing_subword_prefix", null);
    model.put("end_of_word_suffix", null);
    model.put("fuse_unk", f.sentencePiece());
    model.put("byte_fallback", f.sentencePiece());
    model.put("ignore_merges", false);
    Map<String, Integer> vocab = new LinkedHashMap<>();
    if (f.sentencePiece()) {
      vocab.putAll(added); // SentencePiece models keep <unk>, <s>, </s> in the model vocabulary
    }
    vocab.putAll(bpe.vocab());
    model.put("vocab", vocab);
    model.put("merges", bpe.merges().stream().map(m -> m.left() + " " + m.right()).toList());
    root.put("model", model);
    return root;
  }

  private static Map<String, Object> tokenizerConfig(FixtureFamily f, Map<String, Integer> added) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("add_bos_token", f.bos() != null);
    config.put("add_eos_token", false);
    Map<String, Object> decoder = new LinkedHashMap<>();
    added.forEach(
        (content, id) -> {
          Map<String, Object> token = addedToken(id, content, f.isSpecial(content));
          token.remove("id");
          decoder.put(Integer.toString(id), token);
        });
    config.put("added_tokens_decoder", decoder);
    config.put("bos_token", f.bos());
    config.put("chat_template", chatTemplate(f.familyName()));
    config.put("clean_up_tokenization_spaces", false);
    config.put("eos_token", f.eos());
    config.put("model_max_length", 32768);
    config.put("pad_token", f.pad());
    config.put("tokenizer_class", f.tokenizerClass());
    config.put("unk_token", f.sentencePiece() ? "<unk>" : null);
    return config;
  }

  private static Map<String, Object> addedToken(int id, String content, boolean special) {
    Map<String, Object> token = new LinkedHashMap<>();
    token.put("id", id);
    token.put("content", content);
    token.put("single_word", false);
    token.put("lstrip", false);
    token.put("rstrip", false);
    token.put("normalized", false);
    token.put("special", special);
    return token;
  }

  private static Map<String, Object> byteLevel() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "ByteLevel");
    m.put("add_prefix_space", false);
    m.put("trim_offsets", false);
    m.put("use_regex", true);
    return m;
  }

  private static Map<String, Object> metaspace() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Metaspace");
    m.put("replacement", FixtureVocabularies.METASPACE);
    m.put("prepend_scheme", "first");
    m.put("split", false);
    return m;
  }

  private static Map<String, Object> prependBos(String bos, int bosId) {
    Map<String, Object> bosPiece = obj("SpecialToken", obj("id", bos, "type_id", 0));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "TemplateProcessing");
    m.put("single", List.of(bosPiece, obj("Sequence", obj("id", "A", "type_id", 0))));
    m.put(
        "pair",
        List.of(
            bosPiece,
            obj("Sequence", obj("id", "A", "type_id", 0)),
            bosPiece,
            obj("Sequence", obj("id", "B", "type_id", 1))));
    m.put(
        "special_tokens", obj(bos, obj("id", bos, "ids", List.of(bosId), "tokens", List.of(bos))));
    return m;
  }

  /** A JSON object with keys in the given order (Map.of iterates in a per-JVM random order). */
  private static Map<String, Object> obj(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  private static int idOf(Map<String, Integer> added, String token) {
    return token == null ? -1 : added.get(token);
  }

  private static void writeJson(Path file, Object value) throws IOException {
    Files.write(file, JSON.writeValueAsBytes(value));
  }
}
