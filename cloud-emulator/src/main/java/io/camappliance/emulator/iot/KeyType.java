package io.camappliance.emulator.iot;

/** The key algorithms the emulator's CA issues device and server certificates for. */
public enum KeyType {
  /** ECDSA on NIST P-256 (secp256r1), signed with SHA256withECDSA. */
  EC,
  /** RSA 2048, signed with SHA256withRSA; what the IoT console generates. */
  RSA
}
