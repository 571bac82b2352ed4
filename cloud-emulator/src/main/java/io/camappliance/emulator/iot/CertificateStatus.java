package io.camappliance.emulator.iot;

/**
 * A registered certificate's status ({@code UpdateCertificate --new-status}, AWS IoT API). Only
 * ACTIVE certificates may connect; the others are refused at the TLS handshake.
 */
public enum CertificateStatus {
  ACTIVE,
  INACTIVE,
  REVOKED
}
