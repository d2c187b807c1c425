package io.acbench.contracts.probe;

import java.io.IOException;

/** A probe result file is truncated, corrupt, of an unknown version or fails its digest. */
public class ProbeFormatException extends IOException {

  public ProbeFormatException(String message) {
    super(message);
  }
}
