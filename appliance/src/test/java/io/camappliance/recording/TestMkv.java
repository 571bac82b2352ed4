package io.camappliance.recording;

import io.camappliance.media.PackagedFrame;
import io.camappliance.media.PackagedSink;
import io.camappliance.media.StreamHeader;
import io.camappliance.media.VideoFormat;
import io.camappliance.mkv.MkvIds;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds a KVS-style live MKV stream for tests: header, fragments of SimpleBlocks. */
public final class TestMkv {
  private final PackagedFrame frame = new PackagedFrame();
  private final ByteBuffer buf = ByteBuffer.allocate(4 << 20);

  /** A stream header with one H.264 track; {@code avcC} may be a dummy. */
  public static StreamHeader header(
      long id, int width, int height, byte[] avcC, byte[] sps, byte[] pps) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        el(
            MkvIds.EBML,
            uint(MkvIds.EBML_VERSION, 1),
            uint(MkvIds.EBML_READ_VERSION, 1),
            uint(MkvIds.EBML_MAX_ID_LENGTH, 4),
            uint(MkvIds.EBML_MAX_SIZE_LENGTH, 8),
            str(MkvIds.DOC_TYPE, "matroska"),
            uint(MkvIds.DOC_TYPE_VERSION, 2),
            uint(MkvIds.DOC_TYPE_READ_VERSION, 2)));
    out.writeBytes(new byte[] {0x18, 0x53, (byte) 0x80, 0x67, (byte) 0xFF});
    out.writeBytes(
        el(
            MkvIds.INFO,
            uint(MkvIds.TIMECODE_SCALE, 1_000_000),
            str(MkvIds.MUXING_APP, "test"),
            str(MkvIds.WRITING_APP, "test")));
    out.writeBytes(
        el(
            MkvIds.TRACKS,
            el(
                MkvIds.TRACK_ENTRY,
                uint(MkvIds.TRACK_NUMBER, 1),
                uint(MkvIds.TRACK_UID, 1),
                uint(MkvIds.TRACK_TYPE, 1),
                str(MkvIds.CODEC_ID, "V_MPEG4/ISO/AVC"),
                el(MkvIds.CODEC_PRIVATE, avcC),
                el(
                    MkvIds.VIDEO,
                    uint(MkvIds.PIXEL_WIDTH, width),
                    uint(MkvIds.PIXEL_HEIGHT, height)))));
    VideoFormat format = new VideoFormat("H264", width, height, 30, sps, pps);
    return new StreamHeader(id, format, out.toByteArray());
  }

  /** A header with dummy parameter sets, for tests that never decode. */
  public static StreamHeader syntheticHeader(long id) {
    byte[] sps = {0x67, 0x42, 0x00, 0x1f};
    byte[] pps = {0x68, (byte) 0xce};
    return header(
        id, 320, 240, new byte[] {1, 0x42, 0, 0x1f, (byte) 0xff, (byte) 0xe0, 0}, sps, pps);
  }

  /**
   * Hands one frame to the sink as the fragmenter would: a fragment start carries a Tags element
   * and the Cluster header (unknown size, Timecode, Position) before its SimpleBlock.
   */
  public void send(
      PackagedSink sink,
      StreamHeader header,
      boolean fragmentStart,
      long fragmentTimecode,
      long timecode,
      long duration,
      long sequence,
      boolean keyframe,
      byte[] payload) {
    buf.clear();
    if (fragmentStart) {
      buf.put(
          el(
              MkvIds.TAGS,
              el(
                  MkvIds.TAG,
                  el(
                      MkvIds.SIMPLE_TAG,
                      str(MkvIds.TAG_NAME, "seq"),
                      str(MkvIds.TAG_STRING, Long.toString(sequence))))));
      buf.put(new byte[] {0x1F, 0x43, (byte) 0xB6, 0x75, (byte) 0xFF});
      buf.put(uint8(MkvIds.TIMECODE, fragmentTimecode));
      buf.put(uint(MkvIds.POSITION, 0));
    }
    int rel = (int) (timecode - fragmentTimecode);
    byte[] block = new byte[4 + payload.length];
    block[0] = (byte) 0x81;
    block[1] = (byte) (rel >> 8);
    block[2] = (byte) rel;
    block[3] = (byte) (keyframe ? 0x80 : 0);
    System.arraycopy(payload, 0, block, 4, payload.length);
    buf.put(el(MkvIds.SIMPLE_BLOCK, block));
    buf.flip();
    frame.set(
        buf,
        fragmentStart,
        fragmentTimecode,
        timecode,
        duration,
        sequence,
        timecode * 1000,
        header);
    sink.onFrame(frame);
  }

  public static byte[] el(int id, byte[]... children) {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (byte[] c : children) {
      data.writeBytes(c);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int idLen = (id & 0xFF000000) != 0 ? 4 : (id & 0xFF0000) != 0 ? 3 : (id & 0xFF00) != 0 ? 2 : 1;
    for (int i = idLen - 1; i >= 0; i--) {
      out.write(id >>> (8 * i));
    }
    long size = data.size();
    out.write(0x01); // 8-byte vint size, as the KVS producer writes
    for (int i = 6; i >= 0; i--) {
      out.write((int) (size >>> (8 * i)));
    }
    out.writeBytes(data.toByteArray());
    return out.toByteArray();
  }

  public static byte[] uint(int id, long v) {
    return el(id, new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v});
  }

  static byte[] uint8(int id, long v) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (v >>> (56 - 8 * i));
    }
    return el(id, b);
  }

  public static byte[] str(int id, String s) {
    return el(id, s.getBytes(StandardCharsets.UTF_8));
  }
}
