package io.camappliance.emulator.sigv4;

import io.camappliance.emulator.auth.CredentialLookup;
import io.camappliance.emulator.auth.SigningCredential;
import java.util.List;
import java.util.Optional;

/** Compositions of {@link CredentialLookup}s. */
public final class CredentialLookups {
  private CredentialLookups() {}

  /** Finds exactly one static credential. */
  public static CredentialLookup ofStatic(SigningCredential credential) {
    return id -> credential.accessKeyId().equals(id) ? Optional.of(credential) : Optional.empty();
  }

  /** Asks each lookup in order; the first that knows the key wins. */
  public static CredentialLookup firstOf(CredentialLookup... lookups) {
    List<CredentialLookup> all = List.of(lookups);
    return id -> {
      for (CredentialLookup l : all) {
        Optional<SigningCredential> c = l.find(id);
        if (c.isPresent()) {
          return c;
        }
      }
      return Optional.empty();
    };
  }
}
