package io.camappliance.emulator.putmedia;

import io.camappliance.emulator.media.FrameStampReader;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes the MKV a KVS producer sends (kvs-data-model §1), with knobs to break each rule. Frames
 * are AVCC: a stamp SEI NAL (the appliance's frame stamp) and a filler slice NAL.
 */
final class TestMkv {
  static final byte[] STAMP_UUID = FrameStampReader.STAMP_UUID;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static byte[] id(long id) {
    int n = id > 0xFFFFFF ? 4 : id > 0xFFFF ? 3 : id > 0xFF ? 2 : 1;
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (id >>> (8 * (n - 1 - i)));
    }
    return b;
  }

  /** 8-byte size vint, as the SDK writes. */
  static byte[] size(long size) {
    ByteBuffer b = ByteBuffer.allocate(8).putLong(size);
    byte[] a = b.array();
    a[0] = 0x01;
    return a;
  }

  static byte[] element(long id, byte[] data) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(id(id));
    o.writeBytes(size(data.length));
    o.writeBytes(data);
    return o.toByteArray();
  }

  static byte[] uint(long id, long v) {
    return element(id, ByteBuffer.allocate(8).putLong(v).array());
  }

  static byte[] string(long id, String s) {
    return element(id, s.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] master(long id, byte[]... children) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] c : children) {
      o.writeBytes(c);
    }
    return element(id, o.toByteArray());
  }

  static byte[] unknownSize(long id) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(id(id));
    o.writeBytes(new byte[] {0x01, -1, -1, -1, -1, -1, -1, -1});
    return o.toByteArray();
  }

  static byte[] ebmlHeader() {
    return master(
        0x1A45DFA3L,
        uint(0x4286, 1),
        uint(0x42F7, 1),
        uint(0x42F2, 4),
        uint(0x42F3, 8),
        string(0x4282, "matroska"),
        uint(0x4287, 2),
        uint(0x4285, 2));
  }

  static byte[] trackEntry(int number) {
    return master(
        0xAE,
        uint(0xD7, number),
        uint(0x73C5, number),
        uint(0x83, 1),
        string(0x86, "V_MPEG4/ISO/AVC"),
        string(0x536E, "kinesis_video"),
        element(0x63A2, new byte[] {1, 0x42, 0, 0x1F, -1, (byte) 0xE0, 0}));
  }

  /** EBML header, Segment (unknown size), Info (1 ms), Tracks with {@code tracks}. */
  TestMkv header(int... tracks) {
    out.writeBytes(ebmlHeader());
    out.writeBytes(unknownSize(0x18538067L));
    out.writeBytes(
        master(
            0x1549A966L,
            element(0x73A4, new byte[16]),
            uint(0x2AD7B1, 1_000_000),
            string(0x7BA9, "test"),
            string(0x4D80, "test"),
            string(0x5741, "test")));
    byte[][] entries = new byte[tracks.length][];
    for (int i = 0; i < tracks.length; i++) {
      entries[i] = trackEntry(tracks[i]);
    }
    out.writeBytes(master(0x1654AE6BL, entries));
    return this;
  }

  TestMkv tags(String... nameValue) {
    for (int i = 0; i < nameValue.length; i += 2) {
      out.writeBytes(
          master(
              0x1254C367L,
              master(
                  0x7373,
                  master(0x67C8, string(0x45A3, nameValue[i]), string(0x4487, nameValue[i + 1])))));
    }
    return this;
  }

  TestMkv cluster(long timecode) {
    out.writeBytes(unknownSize(0x1F43B675L));
    out.writeBytes(uint(0xE7, timecode));
    out.writeBytes(uint(0xA7, 0));
    return this;
  }

  TestMkv block(int track, int relative, boolean key, byte[] frame) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0x80 | track);
    b.write(relative >> 8);
    b.write(relative);
    b.write(key ? 0x80 : 0);
    b.writeBytes(frame);
    out.writeBytes(element(0xA3, b.toByteArray()));
    return this;
  }

  /**
   * {@code count} fragments of {@code frames} frames each, {@code intervalMs} apart, on track 1,
   * stamped with sequence numbers from {@code firstSeq}.
   */
  TestMkv fragments(long startTimecode, int count, int frames, int intervalMs, long firstSeq) {
    long seq = firstSeq;
    for (int f = 0; f < count; f++) {
      long tc = startTimecode + (long) f * frames * intervalMs;
      cluster(tc);
      for (int i = 0; i < frames; i++) {
        block(1, i * intervalMs, i == 0, stampedFrame(seq++, tc * 1000 + i * intervalMs * 1000L));
      }
    }
    return this;
  }

  TestMkv raw(byte[] b) {
    out.writeBytes(b);
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  /** An AVCC access unit: stamp SEI (escaped) + a small non-IDR slice. */
  static byte[] stampedFrame(long seq, long captureMicros) {
    ByteBuffer payload = ByteBuffer.allocate(32);
    payload.put(STAMP_UUID).putLong(captureMicros).putLong(seq);
    ByteArrayOutputStream rbsp = new ByteArrayOutputStream();
    rbsp.write(5); // user_data_unregistered
    rbsp.write(32);
    rbsp.writeBytes(payload.array());
    rbsp.write(0x80);
    byte[] sei = escape(rbsp.toByteArray());
    byte[] slice = {0x41, (byte) 0x9A, 0x12, 0x34, 0x56};
    ByteBuffer au = ByteBuffer.allocate(4 + 1 + sei.length + 4 + slice.length);
    au.putInt(1 + sei.length).put((byte) 0x06).put(sei).putInt(slice.length).put(slice);
    return au.array();
  }

  static byte[] escape(byte[] rbsp) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    int zeros = 0;
    for (byte b : rbsp) {
      int v = b & 0xFF;
      if (zeros >= 2 && v <= 3) {
        o.write(3);
        zeros = 0;
      }
      o.write(v);
      zeros = v == 0 ? zeros + 1 : 0;
    }
    return o.toByteArray();
  }
}
