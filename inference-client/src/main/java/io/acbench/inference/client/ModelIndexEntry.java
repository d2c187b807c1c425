package io.acbench.inference.client;

/**
 * One row of RepositoryIndex.
 *
 * @param name the model
 * @param version the version, empty when the server lists none
 * @param state UNKNOWN, READY, UNAVAILABLE, LOADING or UNLOADING
 * @param reason why, e.g. a load error or "unloaded"
 */
public record ModelIndexEntry(String name, String version, String state, String reason) {

  public boolean ready() {
    return "READY".equals(state);
  }
}
