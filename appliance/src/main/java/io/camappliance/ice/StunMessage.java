package io.camappliance.ice;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A STUN message (RFC 8489 §5) with the attributes ICE uses (RFC 8445 §16.1, §7.1.1).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |0 0|     STUN Message Type     |         Message Length        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         Magic Cookie  0x2112A442                |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                     Transaction ID (96 bits)                  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                     Attributes (Message Length bytes)         |
 * </pre>
 *
 * <p>Parsing copies the message out of the caller's buffer (binding requests are rare: one per
 * check, a few per second per browser), validates the header and walks the attributes, checking
 * each length before reading. Of repeated attributes the first counts (§5). Everything after
 * MESSAGE-INTEGRITY except FINGERPRINT is ignored (§14.5); nothing may follow FINGERPRINT (§14.7).
 * Unknown comprehension-optional attributes are skipped; unknown comprehension-required ones are
 * listed by {@link #unknownRequiredAttributes()} so a server can answer 420.
 *
 * <p>MESSAGE-INTEGRITY is HMAC-SHA1 over the message up to the attribute, with the header's length
 * set as if the message ended right after it (§14.5); with short-term credentials the key is the
 * password (ICE: the ufrag owner's ice-pwd, RFC 8445 §7.2.2). FINGERPRINT is the CRC-32 of the
 * message up to the attribute, XOR {@code 0x5354554e} (§14.7).
 */
public final class StunMessage {
  public static final int HEADER_LENGTH = 20;
  public static final int MAGIC_COOKIE = 0x2112A442;
  public static final int TRANSACTION_ID_LENGTH = 12;

  /** The Binding method (RFC 8489 §18.2), the only one ICE uses. */
  public static final int BINDING = 0x001;

  static final int FINGERPRINT_XOR = 0x5354554e;
  static final int INTEGRITY_LENGTH = 20;
  private static final int MAX_METHOD = 0xFFF;

  private final byte[] raw;
  private final StunClass messageClass;
  private final int method;
  private String username;
  private String software;
  private long priority = -1;
  private boolean useCandidate;
  private OptionalLong iceControlling = OptionalLong.empty();
  private OptionalLong iceControlled = OptionalLong.empty();
  private InetSocketAddress xorMappedAddress;
  private int errorCode;
  private String errorReason;
  private final List<Integer> unknownRequired = new ArrayList<>(0);
  private int integrityOffset = -1;
  private int fingerprintOffset = -1;

  private StunMessage(byte[] raw) {
    this.raw = raw;
    int type = u16(raw, 0);
    this.messageClass = StunClass.ofBits(((type >> 4) & 0x1) | ((type >> 7) & 0x2));
    this.method = (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
  }

  /**
   * Whether {@code buf[off, off+len)} starts like a STUN message: at least a header, the two top
   * bits zero (RFC 7983 puts STUN at first bytes 0–3) and the magic cookie in place.
   */
  public static boolean looksLikeStun(byte[] buf, int off, int len) {
    return len >= HEADER_LENGTH
        && (buf[off] & 0xC0) == 0
        && ((buf[off + 4] & 0xFF) << 24
                | (buf[off + 5] & 0xFF) << 16
                | (buf[off + 6] & 0xFF) << 8
                | (buf[off + 7] & 0xFF))
            == MAGIC_COOKIE;
  }

  /**
   * Parses one STUN message that fills {@code buf[off, off+len)} exactly (one UDP datagram).
   *
   * @throws StunException naming the offset and values when the bytes are not a valid message
   */
  public static StunMessage parse(byte[] buf, int off, int len) throws StunException {
    if (len < HEADER_LENGTH) {
      throw new StunException(
          "STUN message of " + len + " bytes is shorter than the 20-byte header");
    }
    if ((buf[off] & 0xC0) != 0) {
      throw new StunException(
          String.format("first byte 0x%02x at offset 0: top two bits must be 0", buf[off] & 0xFF));
    }
    int length = u16(buf, off + 2);
    if ((length & 3) != 0) {
      throw new StunException("message length " + length + " at offset 2 is not a multiple of 4");
    }
    if (HEADER_LENGTH + length != len) {
      throw new StunException(
          "message length " + length + " at offset 2 + 20 does not match datagram of " + len);
    }
    int cookie = s32(buf, off + 4);
    if (cookie != MAGIC_COOKIE) {
      throw new StunException(String.format("magic cookie 0x%08x at offset 4", cookie));
    }
    StunMessage m = new StunMessage(Arrays.copyOfRange(buf, off, off + len));
    m.readAttributes();
    return m;
  }

  private void readAttributes() throws StunException {
    int end = raw.length;
    int pos = HEADER_LENGTH;
    int seen = 0;
    while (pos < end) {
      if (fingerprintOffset >= 0) {
        throw new StunException("attribute at offset " + pos + " follows FINGERPRINT");
      }
      if (end - pos < 4) {
        throw new StunException(
            "attribute header at offset " + pos + " needs 4 bytes, " + (end - pos) + " left");
      }
      int type = u16(raw, pos);
      int length = u16(raw, pos + 2);
      int value = pos + 4;
      if (StunAttribute.padded(length) > end - value) {
        throw new StunException(
            String.format(
                "attribute 0x%04x at offset %d: length %d (padded %d) runs past the end at %d",
                type, pos, length, StunAttribute.padded(length), end));
      }
      if (type == StunAttribute.FINGERPRINT) {
        expectLength(type, pos, length, 4);
        fingerprintOffset = pos;
      } else if (integrityOffset >= 0) {
        // §14.5: attributes after MESSAGE-INTEGRITY (other than FINGERPRINT) are ignored.
      } else {
        int bit = bitOf(type);
        if (bit == 0 || (seen & bit) == 0) {
          seen |= bit;
          readAttribute(type, pos, value, length);
        }
      }
      pos = value + StunAttribute.padded(length);
    }
  }

  private void readAttribute(int type, int pos, int value, int length) throws StunException {
    switch (type) {
      case StunAttribute.USERNAME:
        expectAtMost(type, pos, length, StunAttribute.MAX_USERNAME);
        username = new String(raw, value, length, StandardCharsets.UTF_8);
        break;
      case StunAttribute.SOFTWARE:
        expectAtMost(type, pos, length, StunAttribute.MAX_TEXT);
        software = new String(raw, value, length, StandardCharsets.UTF_8);
        break;
      case StunAttribute.MESSAGE_INTEGRITY:
        expectLength(type, pos, length, INTEGRITY_LENGTH);
        integrityOffset = pos;
        break;
      case StunAttribute.PRIORITY:
        expectLength(type, pos, length, 4);
        priority = s32(raw, value) & 0xFFFFFFFFL;
        break;
      case StunAttribute.USE_CANDIDATE:
        expectLength(type, pos, length, 0);
        useCandidate = true;
        break;
      case StunAttribute.ICE_CONTROLLING:
        expectLength(type, pos, length, 8);
        iceControlling = OptionalLong.of(s64(raw, value));
        break;
      case StunAttribute.ICE_CONTROLLED:
        expectLength(type, pos, length, 8);
        iceControlled = OptionalLong.of(s64(raw, value));
        break;
      case StunAttribute.XOR_MAPPED_ADDRESS:
        xorMappedAddress = readXorAddress(pos, value, length);
        break;
      case StunAttribute.ERROR_CODE:
        readErrorCode(pos, value, length);
        break;
      default:
        if (StunAttribute.comprehensionRequired(type)) {
          unknownRequired.add(type);
        }
    }
  }

  /**
   * XOR-MAPPED-ADDRESS (§14.2): the port is XORed with the cookie's top 16 bits, an IPv4 address
   * with the cookie, an IPv6 address with the cookie followed by the transaction id.
   *
   * <pre>
   *  |0 0 0 0 0 0 0 0|    Family     |         X-Port                |
   *  |                X-Address (32 bits or 128 bits)                |
   * </pre>
   */
  private InetSocketAddress readXorAddress(int pos, int value, int length) throws StunException {
    if (length < 4) {
      throw new StunException(
          "XOR-MAPPED-ADDRESS at offset " + pos + ": length " + length + " is below 4");
    }
    int family = raw[value + 1] & 0xFF;
    int addressLength;
    if (family == 0x01) {
      addressLength = 4;
    } else if (family == 0x02) {
      addressLength = 16;
    } else {
      throw new StunException(
          String.format("XOR-MAPPED-ADDRESS at offset %d: family 0x%02x", pos, family));
    }
    expectLength(StunAttribute.XOR_MAPPED_ADDRESS, pos, length, 4 + addressLength);
    int port = u16(raw, value + 2) ^ (MAGIC_COOKIE >>> 16);
    byte[] address = new byte[addressLength];
    for (int i = 0; i < addressLength; i++) {
      // raw[4..20) is the cookie followed by the transaction id: exactly the XOR key.
      address[i] = (byte) (raw[value + 4 + i] ^ raw[4 + i]);
    }
    try {
      return new InetSocketAddress(InetAddress.getByAddress(address), port);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("an address of " + addressLength + " bytes", e);
    }
  }

  /**
   * ERROR-CODE (§14.8): the code is class × 100 + number, class 3–6, number 0–99.
   *
   * <pre>
   *  |           Reserved, should be 0         |Class|     Number    |
   *  |      Reason Phrase (variable)                                ..
   * </pre>
   */
  private void readErrorCode(int pos, int value, int length) throws StunException {
    if (length < 4) {
      throw new StunException("ERROR-CODE at offset " + pos + ": length " + length + " is below 4");
    }
    expectAtMost(StunAttribute.ERROR_CODE, pos, length, 4 + StunAttribute.MAX_TEXT);
    int cls = raw[value + 2] & 0x07;
    int number = raw[value + 3] & 0xFF;
    if (cls < 3 || cls > 6 || number > 99) {
      throw new StunException(
          "ERROR-CODE at offset " + pos + ": class " + cls + " number " + number + " out of range");
    }
    errorCode = cls * 100 + number;
    errorReason = new String(raw, value + 4, length - 4, StandardCharsets.UTF_8);
  }

  private static void expectLength(int type, int pos, int length, int expected)
      throws StunException {
    if (length != expected) {
      throw new StunException(
          String.format(
              "attribute 0x%04x at offset %d: length %d, expected %d",
              type, pos, length, expected));
    }
  }

  private static void expectAtMost(int type, int pos, int length, int max) throws StunException {
    if (length > max) {
      throw new StunException(
          String.format(
              "attribute 0x%04x at offset %d: length %d exceeds %d", type, pos, length, max));
    }
  }

  /** A bit per known attribute type, to keep only the first of repeats; 0 for unknown types. */
  private static int bitOf(int type) {
    switch (type) {
      case StunAttribute.USERNAME:
        return 1;
      case StunAttribute.MESSAGE_INTEGRITY:
        return 1 << 1;
      case StunAttribute.ERROR_CODE:
        return 1 << 2;
      case StunAttribute.XOR_MAPPED_ADDRESS:
        return 1 << 3;
      case StunAttribute.PRIORITY:
        return 1 << 4;
      case StunAttribute.USE_CANDIDATE:
        return 1 << 5;
      case StunAttribute.SOFTWARE:
        return 1 << 6;
      case StunAttribute.ICE_CONTROLLED:
        return 1 << 7;
      case StunAttribute.ICE_CONTROLLING:
        return 1 << 8;
      default:
        return 0;
    }
  }

  public StunClass messageClass() {
    return messageClass;
  }

  /** The 12-bit method; {@link #BINDING} for ICE. */
  public int method() {
    return method;
  }

  public boolean isBindingRequest() {
    return method == BINDING && messageClass == StunClass.REQUEST;
  }

  /** A copy of the 96-bit transaction id. */
  public byte[] transactionId() {
    return Arrays.copyOfRange(raw, 8, HEADER_LENGTH);
  }

  /** Whether this message's transaction id equals {@code id} (12 bytes). */
  public boolean hasTransactionId(byte[] id) {
    return Arrays.equals(raw, 8, HEADER_LENGTH, id, 0, id.length);
  }

  /** USERNAME (ICE: {@code receiverUfrag:senderUfrag}), or empty. */
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  public Optional<String> software() {
    return Optional.ofNullable(software);
  }

  /** PRIORITY (RFC 8445 §7.1.1), a 32-bit unsigned value. */
  public OptionalLong priority() {
    return priority < 0 ? OptionalLong.empty() : OptionalLong.of(priority);
  }

  /** Whether USE-CANDIDATE is present: the controlling agent nominates this pair. */
  public boolean useCandidate() {
    return useCandidate;
  }

  /** ICE-CONTROLLING's tie-breaker, present when the sender is the controlling agent. */
  public OptionalLong iceControlling() {
    return iceControlling;
  }

  /** ICE-CONTROLLED's tie-breaker, present when the sender is the controlled agent. */
  public OptionalLong iceControlled() {
    return iceControlled;
  }

  public Optional<InetSocketAddress> xorMappedAddress() {
    return Optional.ofNullable(xorMappedAddress);
  }

  /** ERROR-CODE's code (e.g. 401), or 0 when absent. */
  public int errorCode() {
    return errorCode;
  }

  /** ERROR-CODE's reason phrase, or empty. */
  public Optional<String> errorReason() {
    return Optional.ofNullable(errorReason);
  }

  /** Comprehension-required attribute types (below 0x8000) this parser does not know. */
  public List<Integer> unknownRequiredAttributes() {
    return List.copyOf(unknownRequired);
  }

  public boolean hasMessageIntegrity() {
    return integrityOffset >= 0;
  }

  public boolean hasFingerprint() {
    return fingerprintOffset >= 0;
  }

  /**
   * Checks MESSAGE-INTEGRITY with {@code key} (short-term credentials: the password's UTF-8 bytes).
   * False when the attribute is absent or the HMAC differs; compared in constant time.
   */
  public boolean verifyIntegrity(byte[] key) {
    if (integrityOffset < 0) {
      return false;
    }
    byte[] expected = hmacSha1(key, raw, integrityOffset);
    byte[] actual =
        Arrays.copyOfRange(raw, integrityOffset + 4, integrityOffset + 4 + INTEGRITY_LENGTH);
    return MessageDigest.isEqual(expected, actual);
  }

  /** Checks FINGERPRINT; false when the attribute is absent or the CRC differs. */
  public boolean verifyFingerprint() {
    if (fingerprintOffset < 0) {
      return false;
    }
    return fingerprint(raw, fingerprintOffset) == s32(raw, fingerprintOffset + 4);
  }

  /** A copy of the message's bytes. */
  public byte[] toBytes() {
    return raw.clone();
  }

  /**
   * HMAC-SHA1 of {@code msg[0, attrOffset)} with the header's length field replaced by the length
   * the message has when it ends right after a MESSAGE-INTEGRITY at {@code attrOffset}.
   */
  static byte[] hmacSha1(byte[] key, byte[] msg, int attrOffset) {
    int adjusted = attrOffset + 4 + INTEGRITY_LENGTH - HEADER_LENGTH;
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA1"));
      mac.update(msg, 0, 2);
      mac.update((byte) (adjusted >>> 8));
      mac.update((byte) adjusted);
      mac.update(msg, 4, attrOffset - 4);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is required of every Java platform", e);
    }
  }

  /** CRC-32 of {@code msg[0, attrOffset)} XOR 0x5354554e; the header must already count it. */
  static int fingerprint(byte[] msg, int attrOffset) {
    CRC32 crc = new CRC32();
    crc.update(msg, 0, attrOffset);
    return (int) crc.getValue() ^ FINGERPRINT_XOR;
  }

  static int messageType(StunClass cls, int method) {
    int c = cls.bits();
    return (method & 0x000F)
        | ((method & 0x0070) << 1)
        | ((method & 0x0F80) << 2)
        | ((c & 0x1) << 4)
        | ((c & 0x2) << 7);
  }

  static int u16(byte[] b, int i) {
    return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
  }

  static int s32(byte[] b, int i) {
    return (b[i] & 0xFF) << 24
        | (b[i + 1] & 0xFF) << 16
        | (b[i + 2] & 0xFF) << 8
        | (b[i + 3] & 0xFF);
  }

  static long s64(byte[] b, int i) {
    return ((long) s32(b, i)) << 32 | (s32(b, i + 4) & 0xFFFFFFFFL);
  }

  /** Starts a message to encode; {@code transactionId} is 12 bytes. */
  public static StunMessageBuilder builder(StunClass cls, int method, byte[] transactionId) {
    if (method < 0 || method > MAX_METHOD) {
      throw new IllegalArgumentException("method " + method + " is not 12 bits");
    }
    if (transactionId.length != TRANSACTION_ID_LENGTH) {
      throw new IllegalArgumentException(
          "transaction id of " + transactionId.length + " bytes, expected 12");
    }
    return new StunMessageBuilder(messageType(cls, method), transactionId.clone());
  }

  @Override
  public String toString() {
    return messageClass
        + String.format(" method 0x%03x", method)
        + (username != null ? " username " + username : "")
        + (errorCode != 0 ? " error " + errorCode : "");
  }
}
