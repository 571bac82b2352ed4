package io.camappliance.credentials;

/** Something that fetches fresh credentials; {@link IotCredentialsClient} in production. */
@FunctionalInterface
public interface CredentialsSource {
  FetchedCredentials fetch() throws CredentialsException;
}
