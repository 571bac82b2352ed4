package io.camappliance.emulator.control;

import io.camappliance.emulator.auth.AuthFailure;
import io.camappliance.emulator.auth.SigningCredential;
import io.camappliance.emulator.sigv4.ThingScope;
import java.util.Optional;

/** One signature-checked control-plane call: who made it, which API, and its JSON body. */
final class Call {
  final String action;
  final SigningCredential credential;
  final JsonRequest body;
  private final ThingScope scope;

  Call(String action, SigningCredential credential, JsonRequest body, ThingScope scope) {
    this.action = action;
    this.credential = credential;
    this.body = body;
    this.scope = scope;
  }

  /** Refuses the call when the credential may not act on the named resource. */
  void authorize(String resourceType, String name, String arn) {
    Optional<AuthFailure> f = scope.check(credential, action, resourceType, name, arn);
    if (f.isPresent()) {
      throw new ApiException(f.get().status(), f.get().errorType(), f.get().message());
    }
  }
}
