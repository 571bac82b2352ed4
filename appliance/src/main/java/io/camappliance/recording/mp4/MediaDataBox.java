package io.camappliance.recording.mp4;

/**
 * The header of mdat (ISO/IEC 14496-12 §8.1.1), written before the sample bytes are copied in.
 * Payloads that do not fit a 32-bit box size use {@code size = 1} and a 64-bit largesize.
 *
 * <pre>
 * | size u32 | 'mdat' |                        (8 bytes)
 * | 1 u32    | 'mdat' | largesize u64 |        (16 bytes)
 * </pre>
 */
public final class MediaDataBox {
  private MediaDataBox() {}

  public static byte[] header(long payloadBytes) {
    BoxBuffer b = new BoxBuffer();
    if (payloadBytes + 8 <= 0xFFFFFFFFL) {
      b.u32(payloadBytes + 8).fourCc("mdat");
    } else {
      b.u32(1).fourCc("mdat").u64(payloadBytes + 16);
    }
    return b.toByteArray();
  }
}
