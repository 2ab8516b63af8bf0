package io.ubi.model;

/**
 * Every product error: unchecked, built by {@link UbiErrors}, with a message that says what to do.
 */
public class UbiException extends RuntimeException {
  private final String code;

  public UbiException(String code, String message) {
    super(message);
    this.code = code;
  }

  public UbiException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** A stable machine-readable code, e.g. {@code invalid_config}. */
  public String code() {
    return code;
  }
}
