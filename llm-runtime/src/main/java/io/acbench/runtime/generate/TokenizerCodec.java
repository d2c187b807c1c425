package io.acbench.runtime.generate;

import io.acbench.runtime.config.ModelConfig;
import io.acbench.runtime.tokenizer.StreamDecoder;
import io.acbench.runtime.tokenizer.Tokenizer;
import java.util.HashSet;
import java.util.Set;

/**
 * A {@link TextCodec} over a Hugging Face tokenizer; end-of-sequence ids are the union of the
 * tokenizer's and {@code config.json}'s.
 */
public final class TokenizerCodec implements TextCodec {

  private final Tokenizer tokenizer;
  private final Set<Integer> eos = new HashSet<>();

  public TokenizerCodec(Tokenizer tokenizer, ModelConfig config) {
    this.tokenizer = tokenizer;
    for (int id : tokenizer.eosTokenIds()) {
      eos.add(id);
    }
    if (config.eosTokenIds() != null) {
      for (int id : config.eosTokenIds()) {
        eos.add(id);
      }
    }
  }

  @Override
  public int[] encode(String text) {
    return tokenizer.encode(text, true);
  }

  @Override
  public Detokenizer newDetokenizer() {
    StreamDecoder decoder = tokenizer.streamDecoder(true);
    return decoder::next;
  }

  @Override
  public Set<Integer> eosTokenIds() {
    return Set.copyOf(eos);
  }
}
