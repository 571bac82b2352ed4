package io.camappliance.emulator.auth;

import java.util.Optional;

/** Finds the credential behind an access key ID (static keys and issued session credentials). */
@FunctionalInterface
public interface CredentialLookup {
  Optional<SigningCredential> find(String accessKeyId);
}
