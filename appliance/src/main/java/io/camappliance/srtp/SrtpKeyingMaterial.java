package io.camappliance.srtp;

import java.util.Arrays;

/**
 * The master keys and salts of both directions, cut from the DTLS exporter output (RFC 5764 §4.2,
 * label {@value #EXPORTER_LABEL}, no context, {@link SrtpProfile#keyingMaterialLength()} bytes):
 *
 * <pre>
 * +-------------------+-------------------+--------------------+--------------------+
 * | client write key  | server write key  | client write salt  | server write salt  |
 * +-------------------+-------------------+--------------------+--------------------+
 *   key length          key length          salt length          salt length
 * </pre>
 *
 * <p>The DTLS client protects what it sends with the client write key and salt, the server with the
 * server's; each side unprotects with the other's.
 */
public final class SrtpKeyingMaterial {
  /** The TLS exporter label for DTLS-SRTP (RFC 5764 §4.2). */
  public static final String EXPORTER_LABEL = "EXTRACTOR-dtls_srtp";

  private final SrtpProfile profile;
  private final byte[] clientKey;
  private final byte[] serverKey;
  private final byte[] clientSalt;
  private final byte[] serverSalt;

  private SrtpKeyingMaterial(
      SrtpProfile profile,
      byte[] clientKey,
      byte[] serverKey,
      byte[] clientSalt,
      byte[] serverSalt) {
    this.profile = profile;
    this.clientKey = clientKey;
    this.serverKey = serverKey;
    this.clientSalt = clientSalt;
    this.serverSalt = serverSalt;
  }

  /**
   * Splits the exported keying material.
   *
   * @throws IllegalArgumentException if {@code exported} is not exactly {@link
   *     SrtpProfile#keyingMaterialLength()} bytes long
   */
  public static SrtpKeyingMaterial split(SrtpProfile profile, byte[] exported) {
    int k = profile.masterKeyLength();
    int s = profile.masterSaltLength();
    if (exported.length != profile.keyingMaterialLength()) {
      throw new IllegalArgumentException(
          "DTLS-SRTP keying material for "
              + profile
              + " is "
              + exported.length
              + " bytes, expected "
              + profile.keyingMaterialLength());
    }
    return new SrtpKeyingMaterial(
        profile,
        Arrays.copyOfRange(exported, 0, k),
        Arrays.copyOfRange(exported, k, 2 * k),
        Arrays.copyOfRange(exported, 2 * k, 2 * k + s),
        Arrays.copyOfRange(exported, 2 * k + s, 2 * k + 2 * s));
  }

  public SrtpProfile profile() {
    return profile;
  }

  /** A copy of the client write master key. */
  public byte[] clientWriteKey() {
    return clientKey.clone();
  }

  /** A copy of the server write master key. */
  public byte[] serverWriteKey() {
    return serverKey.clone();
  }

  /** A copy of the client write master salt. */
  public byte[] clientWriteSalt() {
    return clientSalt.clone();
  }

  /** A copy of the server write master salt. */
  public byte[] serverWriteSalt() {
    return serverSalt.clone();
  }

  /**
   * The context that protects what this side sends.
   *
   * @param localIsDtlsClient whether this side was the DTLS client ({@code a=setup:active})
   */
  public SrtpContext sendingContext(boolean localIsDtlsClient) {
    return localIsDtlsClient
        ? SrtpContext.create(profile, clientKey, clientSalt)
        : SrtpContext.create(profile, serverKey, serverSalt);
  }

  /**
   * The context that unprotects what the peer sends.
   *
   * @param localIsDtlsClient whether this side was the DTLS client ({@code a=setup:active})
   */
  public SrtpContext receivingContext(boolean localIsDtlsClient) {
    return sendingContext(!localIsDtlsClient);
  }
}
