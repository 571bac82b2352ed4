package io.camappliance.dtls;

/**
 * A fatal alert in a plaintext epoch-0 DTLS 1.2 record (RFC 6347 §4.1, RFC 5246 §7.2), for the one
 * case Bouncy Castle stays silent: a handshake refused while the ClientHello is processed (no
 * {@code use_srtp}, no common SRTP profile or cipher suite), before BC has chosen a record version
 * and therefore sends nothing. Without it the browser would retransmit its ClientHello until its
 * own timeout instead of failing at once.
 *
 * <pre>
 *  0               1               2               3
 *  +---------------+---------------+---------------+---------------+
 *  | type = 21     | version = 0xFEFD (DTLS 1.2)   | epoch = 0 ... |
 *  +---------------+---------------+---------------+---------------+
 *  | ... epoch     | sequence_number (48 bits) = 0                 |
 *  +---------------+---------------+---------------+---------------+
 *  |  ... seq      | length = 2                    | level = 2     |
 *  +---------------+---------------+---------------+---------------+
 *  | description   |   13-byte header + 2-byte alert = 15 bytes
 *  +---------------+
 * </pre>
 *
 * Sequence number 0 is free: nothing else was sent in epoch 0.
 */
final class UnprotectedAlert {
  private static final int CONTENT_TYPE_ALERT = 21;
  private static final int FATAL = 2;

  private UnprotectedAlert() {}

  static byte[] fatal(short description) {
    byte[] record = new byte[15];
    record[0] = CONTENT_TYPE_ALERT;
    record[1] = (byte) 0xFE;
    record[2] = (byte) 0xFD;
    // bytes 3..10: epoch 0, sequence number 0
    record[12] = 2;
    record[13] = FATAL;
    record[14] = (byte) description;
    return record;
  }
}
