package io.acbench.tasksuite.dataset;

/** A dataset file or record breaks its format; the message names file, record and field. */
public class DatasetFormatException extends RuntimeException {

  public DatasetFormatException(String message) {
    super(message);
  }

  public DatasetFormatException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A record-level error: {@code file: record N (id): field 'f' rule}. */
  static DatasetFormatException at(String file, int index, String id, String field, String rule) {
    String which = id == null ? "record " + index : "record " + index + " (" + id + ")";
    return new DatasetFormatException(file + ": " + which + ": field '" + field + "' " + rule);
  }
}
