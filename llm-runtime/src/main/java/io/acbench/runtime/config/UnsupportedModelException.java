package io.acbench.runtime.config;

/**
 * A {@code config.json} describes a model this runtime cannot run, or is missing or mistypes a
 * field it needs. The message names the field (or architecture) and the rule.
 */
public class UnsupportedModelException extends RuntimeException {

  public UnsupportedModelException(String message) {
    super(message);
  }

  public UnsupportedModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
