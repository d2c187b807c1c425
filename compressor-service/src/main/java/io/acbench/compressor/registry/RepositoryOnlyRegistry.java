package io.acbench.compressor.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Used when no inference endpoint is configured: the entry in the model repository is all there is
 * (a Triton in POLL mode picks it up). Checks only that the entry is complete.
 */
public final class RepositoryOnlyRegistry implements InferenceRegistry {

  private static final Logger LOG = Logger.getLogger(RepositoryOnlyRegistry.class);

  @Override
  public void register(String modelName, Path entryDir) {
    if (!Files.isRegularFile(entryDir.resolve("config.pbtxt"))
        || !Files.isRegularFile(entryDir.resolve("1").resolve("model.json"))) {
      throw new RegistrationException(
          "model-repository entry " + entryDir + " is incomplete", false, null);
    }
    LOG.infof("no inference endpoint configured: %s is only in the model repository", modelName);
  }
}
