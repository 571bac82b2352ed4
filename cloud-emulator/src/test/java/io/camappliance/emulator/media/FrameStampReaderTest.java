package io.camappliance.emulator.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class FrameStampReaderTest {
  private static final byte[] UUID = FrameStampReader.STAMP_UUID;

  /** SEI NAL: header 0x06, type 5, size 32, uuid, captureMicros, sequence, trailing bits. */
  private static byte[] seiNal(long micros, long seq, byte[] uuid) {
    ByteBuffer rbsp = ByteBuffer.allocate(2 + 32 + 1);
    rbsp.put((byte) 5).put((byte) 32).put(uuid).putLong(micros).putLong(seq).put((byte) 0x80);
    java.io.ByteArrayOutputStream nal = new java.io.ByteArrayOutputStream();
    nal.write(0x06);
    int zeros = 0;
    for (byte b : rbsp.array()) {
      int v = b & 0xFF;
      if (zeros >= 2 && v <= 3) {
        nal.write(3); // emulation prevention
        zeros = 0;
      }
      nal.write(v);
      zeros = v == 0 ? zeros + 1 : 0;
    }
    return nal.toByteArray();
  }

  private static ByteBuffer avcc(byte[]... nals) {
    int n = 0;
    for (byte[] x : nals) {
      n += 4 + x.length;
    }
    ByteBuffer b = ByteBuffer.allocate(n);
    for (byte[] x : nals) {
      b.putInt(x.length).put(x);
    }
    return b.flip();
  }

  @Test
  void readsTheStampWhoseZeroBytesWereEscaped() {
    // Sequence 1 and small times are mostly zero bytes: the writer inserted 0x03 escapes.
    byte[] sei = seiNal(0x0000_0000_0000_0102L, 1, UUID);
    assertThat(sei.length).isGreaterThan(1 + 2 + 32 + 1);
    ByteBuffer frame = avcc(sei, new byte[] {0x65, 0x11, 0x22});
    assertThat(FrameStampReader.find(frame)).contains(new FrameStamp(0x102, 1));
    assertThat(frame.position()).isZero();
  }

  @Test
  void findsTheStampAfterOtherNalUnits() {
    ByteBuffer frame =
        avcc(
            new byte[] {0x09, (byte) 0xF0},
            seiNal(1_700_000_000_000_000L, 42, UUID),
            new byte[] {0x41, 1});
    assertThat(FrameStampReader.find(frame)).contains(new FrameStamp(1_700_000_000_000_000L, 42));
  }

  @Test
  void ignoresUserDataWithAnotherUuid() {
    byte[] other = UUID.clone();
    other[0] = 0x11;
    assertThat(FrameStampReader.find(avcc(seiNal(5, 5, other)))).isEmpty();
  }

  @Test
  void aTruncatedLengthPrefixYieldsNoStamp() {
    ByteBuffer b = ByteBuffer.allocate(8).putInt(100).putInt(0).flip();
    assertThat(FrameStampReader.find(b)).isEmpty();
  }
}
