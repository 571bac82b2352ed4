package io.camappliance.credentials;

/**
 * Why temporary credentials could not be obtained, classified so that the retry decision is made in
 * one place ({@link CredentialsCache}) and the message tells the operator what to fix.
 */
public final class CredentialsException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The failure classes of the IoT credentials provider (IoT reference §1.3, §4, §5). */
  public enum Kind {
    /** The key or certificate files cannot be used (unreadable, wrong format, not a pair). */
    IDENTITY(false),
    /**
     * The TLS handshake failed: the device certificate is unknown, inactive or revoked, or the
     * endpoint's certificate is not trusted by the CA bundle.
     */
    TLS_REFUSED(false),
    /** 403: the thing is not attached to the certificate, or the IoT policy denies the alias. */
    FORBIDDEN(false),
    /** 404: the role alias does not exist. */
    NOT_FOUND(false),
    /** 400 or another 4xx: the request is malformed (for example no thing name). */
    BAD_REQUEST(false),
    /** 429: too many requests. */
    THROTTLED(true),
    /** 5xx or a response that cannot be understood. */
    SERVER(true),
    /** Connecting or reading failed below HTTP (DNS, refused, reset, timeout). */
    NETWORK(true),
    /** The local clock cannot be trusted for signing (before the build date, or skewed). */
    CLOCK(true);

    private final boolean transientFailure;

    Kind(boolean transientFailure) {
      this.transientFailure = transientFailure;
    }

    /**
     * True when retrying soon may succeed without anyone changing the configuration or the cloud
     * side; false when a person must act (retries then only probe at the longest backoff).
     */
    public boolean isTransient() {
      return transientFailure;
    }
  }

  private final Kind kind;

  public CredentialsException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public CredentialsException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  @Override
  public String toString() {
    return "CredentialsException[" + kind + "]: " + getMessage();
  }
}
