package io.camappliance.ice;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a STUN message (RFC 8489 §5): attributes in the order they are added, then
 * MESSAGE-INTEGRITY and FINGERPRINT, which must come last (§14.5, §14.7). Values are padded to four
 * bytes with zeros. Obtained from {@link StunMessage#builder}.
 */
public final class StunMessageBuilder {
  private final int type;
  private final byte[] transactionId;
  private final List<Integer> types = new ArrayList<>();
  private final List<byte[]> values = new ArrayList<>();
  private byte[] integrityKey;
  private boolean fingerprint;
  private byte padding;

  StunMessageBuilder(int type, byte[] transactionId) {
    this.type = type;
    this.transactionId = transactionId;
  }

  public StunMessageBuilder username(String username) {
    byte[] v = username.getBytes(StandardCharsets.UTF_8);
    checkAtMost("USERNAME", v.length, StunAttribute.MAX_USERNAME);
    return add(StunAttribute.USERNAME, v);
  }

  public StunMessageBuilder software(String software) {
    byte[] v = software.getBytes(StandardCharsets.UTF_8);
    checkAtMost("SOFTWARE", v.length, StunAttribute.MAX_TEXT);
    return add(StunAttribute.SOFTWARE, v);
  }

  /** PRIORITY: a 32-bit unsigned value. */
  public StunMessageBuilder priority(long priority) {
    if (priority < 0 || priority > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("priority " + priority + " is not 32-bit unsigned");
    }
    return add(StunAttribute.PRIORITY, int32((int) priority));
  }

  public StunMessageBuilder useCandidate() {
    return add(StunAttribute.USE_CANDIDATE, new byte[0]);
  }

  public StunMessageBuilder iceControlling(long tieBreaker) {
    return add(StunAttribute.ICE_CONTROLLING, int64(tieBreaker));
  }

  public StunMessageBuilder iceControlled(long tieBreaker) {
    return add(StunAttribute.ICE_CONTROLLED, int64(tieBreaker));
  }

  /** XOR-MAPPED-ADDRESS of an IPv4 or IPv6 address (§14.2). */
  public StunMessageBuilder xorMappedAddress(InetSocketAddress address) {
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("unresolved address " + address);
    }
    byte[] ip = address.getAddress().getAddress();
    byte[] v = new byte[4 + ip.length];
    v[1] = (byte) (address.getAddress() instanceof Inet4Address ? 0x01 : 0x02);
    int xport = address.getPort() ^ (StunMessage.MAGIC_COOKIE >>> 16);
    v[2] = (byte) (xport >>> 8);
    v[3] = (byte) xport;
    byte[] key = xorKey();
    for (int i = 0; i < ip.length; i++) {
      v[4 + i] = (byte) (ip[i] ^ key[i]);
    }
    return add(StunAttribute.XOR_MAPPED_ADDRESS, v);
  }

  /** ERROR-CODE with a code 300–699 and a reason phrase (§14.8). */
  public StunMessageBuilder errorCode(int code, String reason) {
    if (code < 300 || code > 699) {
      throw new IllegalArgumentException("error code " + code + " is outside 300-699");
    }
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    checkAtMost("ERROR-CODE reason", text.length, StunAttribute.MAX_TEXT);
    byte[] v = new byte[4 + text.length];
    v[2] = (byte) (code / 100);
    v[3] = (byte) (code % 100);
    System.arraycopy(text, 0, v, 4, text.length);
    return add(StunAttribute.ERROR_CODE, v);
  }

  /** UNKNOWN-ATTRIBUTES (§14.9), for a 420 response. */
  public StunMessageBuilder unknownAttributes(List<Integer> attributeTypes) {
    byte[] v = new byte[2 * attributeTypes.size()];
    for (int i = 0; i < attributeTypes.size(); i++) {
      v[2 * i] = (byte) (attributeTypes.get(i) >>> 8);
      v[2 * i + 1] = (byte) (int) attributeTypes.get(i);
    }
    return add(StunAttribute.UNKNOWN_ATTRIBUTES, v);
  }

  /** Appends MESSAGE-INTEGRITY keyed with {@code key} (short-term: the password's bytes). */
  public StunMessageBuilder messageIntegrity(byte[] key) {
    this.integrityKey = key.clone();
    return this;
  }

  /** Appends FINGERPRINT as the last attribute. */
  public StunMessageBuilder fingerprint() {
    this.fingerprint = true;
    return this;
  }

  /**
   * The padding byte; receivers ignore it (§14), RFC 5769's vectors use 0x20. Only for reproducing
   * those vectors.
   */
  StunMessageBuilder paddingByte(byte value) {
    this.padding = value;
    return this;
  }

  /** The encoded size in bytes. */
  public int size() {
    int size = StunMessage.HEADER_LENGTH;
    for (byte[] v : values) {
      size += 4 + StunAttribute.padded(v.length);
    }
    if (integrityKey != null) {
      size += 4 + StunMessage.INTEGRITY_LENGTH;
    }
    if (fingerprint) {
      size += 8;
    }
    return size;
  }

  public byte[] toBytes() {
    byte[] out = new byte[size()];
    writeTo(out, 0);
    return out;
  }

  /**
   * Writes the message into {@code dst} at {@code off}.
   *
   * @return the number of bytes written, {@link #size()}
   * @throws IndexOutOfBoundsException when {@code dst} has less than {@link #size()} bytes left
   */
  public int writeTo(byte[] dst, int off) {
    int size = size();
    if (off < 0 || dst.length - off < size) {
      throw new IndexOutOfBoundsException(
          "message of " + size + " bytes does not fit at " + off + " in " + dst.length);
    }
    // Work in a scratch copy so the hashes can run over a message that starts at index 0.
    byte[] m = off == 0 ? dst : new byte[size];
    putU16(m, 0, type);
    putU16(m, 2, size - StunMessage.HEADER_LENGTH);
    putU32(m, 4, StunMessage.MAGIC_COOKIE);
    System.arraycopy(transactionId, 0, m, 8, StunMessage.TRANSACTION_ID_LENGTH);
    int pos = StunMessage.HEADER_LENGTH;
    for (int i = 0; i < values.size(); i++) {
      byte[] v = values.get(i);
      putU16(m, pos, types.get(i));
      putU16(m, pos + 2, v.length);
      System.arraycopy(v, 0, m, pos + 4, v.length);
      for (int p = pos + 4 + v.length; p < pos + 4 + StunAttribute.padded(v.length); p++) {
        m[p] = padding;
      }
      pos += 4 + StunAttribute.padded(v.length);
    }
    if (integrityKey != null) {
      byte[] mac = StunMessage.hmacSha1(integrityKey, m, pos);
      putU16(m, pos, StunAttribute.MESSAGE_INTEGRITY);
      putU16(m, pos + 2, StunMessage.INTEGRITY_LENGTH);
      System.arraycopy(mac, 0, m, pos + 4, mac.length);
      pos += 4 + StunMessage.INTEGRITY_LENGTH;
    }
    if (fingerprint) {
      int crc = StunMessage.fingerprint(m, pos);
      putU16(m, pos, StunAttribute.FINGERPRINT);
      putU16(m, pos + 2, 4);
      putU32(m, pos + 4, crc);
      pos += 8;
    }
    if (m != dst) {
      System.arraycopy(m, 0, dst, off, size);
    }
    return size;
  }

  private StunMessageBuilder add(int attributeType, byte[] value) {
    types.add(attributeType);
    values.add(value);
    return this;
  }

  /** The magic cookie followed by the transaction id: the XOR key of X-Address. */
  private byte[] xorKey() {
    byte[] key = new byte[16];
    putU32(key, 0, StunMessage.MAGIC_COOKIE);
    System.arraycopy(transactionId, 0, key, 4, StunMessage.TRANSACTION_ID_LENGTH);
    return key;
  }

  private static void checkAtMost(String what, int length, int max) {
    if (length > max) {
      throw new IllegalArgumentException(what + " of " + length + " bytes exceeds " + max);
    }
  }

  private static byte[] int32(int v) {
    byte[] b = new byte[4];
    putU32(b, 0, v);
    return b;
  }

  private static byte[] int64(long v) {
    byte[] b = new byte[8];
    putU32(b, 0, (int) (v >>> 32));
    putU32(b, 4, (int) v);
    return b;
  }

  private static void putU16(byte[] b, int i, int v) {
    b[i] = (byte) (v >>> 8);
    b[i + 1] = (byte) v;
  }

  private static void putU32(byte[] b, int i, int v) {
    b[i] = (byte) (v >>> 24);
    b[i + 1] = (byte) (v >>> 16);
    b[i + 2] = (byte) (v >>> 8);
    b[i + 3] = (byte) v;
  }
}
