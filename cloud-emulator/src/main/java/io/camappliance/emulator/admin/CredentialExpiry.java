package io.camappliance.emulator.admin;

/**
 * Expires issued credentials before their time, so producers meet a 401/403 mid-stream. The IoT
 * credentials provider implements it; until then the default does nothing.
 */
@FunctionalInterface
public interface CredentialExpiry {
  /**
   * @param accessKeyId the credential to expire, or null for every issued credential
   * @return how many credentials were expired
   */
  int expire(String accessKeyId);

  CredentialExpiry NONE = accessKeyId -> 0;
}
