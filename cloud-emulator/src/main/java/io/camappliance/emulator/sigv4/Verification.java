package io.camappliance.emulator.sigv4;

import io.camappliance.emulator.auth.AuthFailure;
import io.camappliance.emulator.auth.SigningCredential;

/**
 * The outcome of a SigV4 check: the credential that signed the request, or why it is refused.
 * Exactly one of the two is set.
 */
public record Verification(SigningCredential credential, AuthFailure failure) {

  static Verification accepted(SigningCredential credential) {
    return new Verification(credential, null);
  }

  static Verification refused(AuthFailure failure) {
    return new Verification(null, failure);
  }

  public boolean ok() {
    return failure == null;
  }
}
