package io.acbench.taskrunner.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acbench.contracts.events.ModelReady;
import io.acbench.runtime.tokenizer.Tokenizer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Windows of the probe set's corpus tokenised with the variant's own tokenizer ({@code
 * <artifactUri>/tokenizer.json}, through llm-runtime; base and variants share it). The vocabulary
 * size is the checkpoint's {@code config.json} {@code vocab_size}.
 */
public final class TokenizerWindows implements WindowSource {

  private static final Logger LOG = Logger.getLogger(TokenizerWindows.class);

  private final int windowTokens;
  private final int windows;

  public TokenizerWindows(int windowTokens, int windows) {
    this.windowTokens = windowTokens;
    this.windows = windows;
  }

  @Override
  public ProbeInput windows(ModelReady ready) {
    String corpus = ProbeSet.corpus(ready.probeSetId());
    Path dir = artifactDir(ready.artifactUri());
    int[] tokens;
    try (Tokenizer tokenizer = Tokenizer.load(dir)) {
      tokens = tokenizer.encode(corpus, true);
    } catch (RuntimeException e) {
      throw new ProbeException("tokenizer of " + dir + " unusable: " + e.getMessage(), e);
    }
    List<int[]> cut = ProbeSet.windows(tokens, windowTokens, windows);
    if (cut.size() < windows) {
      LOG.warnf(
          "probe set %s gives %d windows of %d tokens with this tokenizer, fewer than %d",
          ready.probeSetId(), cut.size(), windowTokens, windows);
    }
    return new ProbeInput(cut, vocabSize(dir));
  }

  private static int vocabSize(Path dir) {
    Path config = dir.resolve("config.json");
    try {
      JsonNode v = new ObjectMapper().readTree(config.toFile()).path("vocab_size");
      if (!v.canConvertToInt() || v.asInt() < 1) {
        throw new ProbeException(config + " has no positive vocab_size");
      }
      return v.asInt();
    } catch (IOException e) {
      throw new ProbeException("cannot read " + config + ": " + e.getMessage(), e);
    }
  }

  /** A directory path or a {@code file:} URI. */
  static Path artifactDir(String uri) {
    return uri.startsWith("file:") ? Path.of(URI.create(uri)) : Path.of(uri);
  }
}
