package io.camappliance.emulator.iot;

import java.security.KeyPair;
import java.security.cert.X509Certificate;

/** A key pair and the certificate the emulator's CA issued for its public key. */
public record IssuedKey(KeyPair keyPair, X509Certificate certificate) {}
