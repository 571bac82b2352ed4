package io.camappliance.emulator.iot;

/** How a private key is written as PEM. */
public enum KeyFormat {
  /** RFC 5208 {@code -----BEGIN PRIVATE KEY-----}, any algorithm. */
  PKCS8,
  /**
   * The algorithm's own structure: RFC 8017 {@code -----BEGIN RSA PRIVATE KEY-----} (PKCS#1) for
   * RSA, RFC 5915 {@code -----BEGIN EC PRIVATE KEY-----} (SEC1) for EC. The IoT console hands out
   * RSA keys in this form.
   */
  TRADITIONAL
}
