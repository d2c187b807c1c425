package io.acbench.runtime.tokenizer;

/**
 * A chat template cannot be rendered: it called {@code raise_exception}, or it uses a construct the
 * engine does not support. The message names the construct or carries the template's own text.
 */
public class ChatTemplateException extends RuntimeException {

  public ChatTemplateException(String message) {
    super(message);
  }

  public ChatTemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}
