package io.acbench.compressor.registry;

import java.nio.file.Path;

/** Makes a model-repository entry known to the inference backend (RepositoryModelLoad). */
public interface InferenceRegistry {

  /**
   * Loads (or reloads) {@code modelName}, whose entry is {@code entryDir}; returns when the backend
   * has loaded it.
   *
   * @throws RegistrationException when the backend refuses or cannot be reached
   */
  void register(String modelName, Path entryDir);

  /** Why a registration failed, and whether asking again may help. */
  final class RegistrationException extends RuntimeException {
    private final boolean retryable;

    public RegistrationException(String message, boolean retryable, Throwable cause) {
      super(message, cause);
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }
  }
}
