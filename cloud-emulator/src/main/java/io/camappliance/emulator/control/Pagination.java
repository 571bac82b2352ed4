package io.camappliance.emulator.control;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code NextToken} of the list APIs: the base64 of the last name returned, which fits the
 * service's token pattern {@code [a-zA-Z0-9+/=]*}. Lists are ordered by name, so the next page
 * starts after it.
 */
final class Pagination {
  private Pagination() {}

  static String encode(String lastName) {
    return Base64.getEncoder().encodeToString(lastName.getBytes(StandardCharsets.UTF_8));
  }

  /** The name the token continues after, or null for the first page. */
  static String decode(String token) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    try {
      return new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidArgument("NextToken " + token + " is not a valid token.");
    }
  }
}
