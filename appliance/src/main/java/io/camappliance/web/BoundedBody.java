package io.camappliance.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a request body of at most {@code limit} bytes: a declared {@code Content-Length} above the
 * limit is refused before reading, and a chunked body is refused as soon as it passes the limit.
 */
final class BoundedBody {
  private BoundedBody() {}

  /** Thrown when the body is larger than the limit; answered with 413 Content Too Large. */
  static final class TooLarge extends Exception {
    private static final long serialVersionUID = 1L;

    TooLarge(String message) {
      super(message);
    }
  }

  static String read(InputStream in, long declaredLength, int limit) throws IOException, TooLarge {
    if (declaredLength > limit) {
      throw new TooLarge(
          "Request body of " + declaredLength + " bytes is larger than " + limit + " bytes");
    }
    // readNBytes grows its buffer as bytes arrive, so a short body costs little.
    byte[] body = in.readNBytes(limit + 1);
    if (body.length > limit) {
      throw new TooLarge("Request body is larger than " + limit + " bytes");
    }
    return new String(body, StandardCharsets.UTF_8);
  }
}
