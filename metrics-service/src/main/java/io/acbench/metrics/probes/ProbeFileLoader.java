package io.acbench.metrics.probes;

import io.acbench.contracts.probe.ProbeFiles;
import io.acbench.contracts.probe.ProbeResult;
import io.acbench.metrics.store.ProbeRecord;
import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the file behind a stored probe's {@code resultUri}, checking its {@code resultDigest}. */
final class ProbeFileLoader {

  private ProbeFileLoader() {}

  /** The file's result; an exception whose message names the variant, the file and the fault. */
  static ProbeResult load(ProbeRecord probe) throws ProbeLoadException {
    String what = "probe file of " + probe.variantId() + " (" + probe.resultUri() + ")";
    Path path;
    try {
      URI uri = URI.create(probe.resultUri());
      if (uri.getScheme() == null) {
        path = Path.of(probe.resultUri());
      } else if (uri.getScheme().equals("file")) {
        path = Path.of(uri);
      } else {
        throw new ProbeLoadException(
            what + ": scheme '" + uri.getScheme() + "' is not supported (only file: URIs)");
      }
    } catch (IllegalArgumentException e) {
      throw new ProbeLoadException(what + ": not a file URI: " + e.getMessage());
    }
    try {
      return ProbeFiles.read(path, probe.resultDigest());
    } catch (NoSuchFileException e) {
      throw new ProbeLoadException(what + ": file " + path + " does not exist");
    } catch (IOException e) {
      throw new ProbeLoadException(what + ": " + e.getMessage());
    }
  }

  /** A probe file that cannot be used, with the reason. */
  static final class ProbeLoadException extends Exception {
    ProbeLoadException(String message) {
      super(message);
    }
  }
}
