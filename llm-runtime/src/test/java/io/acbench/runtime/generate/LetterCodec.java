package io.acbench.runtime.generate;

import java.util.Set;

/** A toy codec for tests: token t is the letter {@code 'a' + t % 26}; token 2 is EOS. */
final class LetterCodec implements TextCodec {

  static final int EOS = 2;

  @Override
  public int[] encode(String text) {
    return text.chars().map(c -> c - 'a').toArray();
  }

  @Override
  public Detokenizer newDetokenizer() {
    return token -> String.valueOf((char) ('a' + token % 26));
  }

  @Override
  public Set<Integer> eosTokenIds() {
    return Set.of(EOS);
  }
}
