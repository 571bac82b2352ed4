package io.camappliance.mkv;

import io.camappliance.media.StreamHeader;
import io.camappliance.media.VideoFormat;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Writes the bytes that open every KVS PutMedia body and every recording file (KVS data model §1):
 *
 * <pre>
 * EBML         version 1, read version 1, max ID length 4, max size length 8, DocType "matroska" v2
 * Segment      size unknown (0xFF): the stream is live
 *   Info       SegmentUID (16 bytes), TimecodeScale 1 000 000 ns (1 ms), Title, MuxingApp, WritingApp
 *   Tracks
 *     TrackEntry  TrackNumber 1, TrackUID 1, TrackType 1 (video), CodecID "V_MPEG4/ISO/AVC",
 *                 Name, DefaultDuration, CodecPrivate = AVCDecoderConfigurationRecord,
 *                 Video { PixelWidth, PixelHeight }
 * </pre>
 *
 * Clusters (fragments) follow; see {@link Fragmenter}.
 */
public final class SegmentHeaderWriter {
  /** 1 ms per tick: block and cluster timecodes are in milliseconds (KVS data model §4). */
  public static final long TIMECODE_SCALE_NANOS = 1_000_000;

  public static final String CODEC_ID = "V_MPEG4/ISO/AVC";
  public static final int TRACK_NUMBER = 1;
  static final long TRACK_UID = 1;
  static final String TRACK_NAME = "camera";
  static final String APP = "camera-appliance";

  private SegmentHeaderWriter() {}

  /**
   * Builds the header for {@code format}.
   *
   * @param id the header's number in this stream (increases on every format change)
   * @param segmentUid 16 bytes identifying the segment
   * @param codecPrivate the AVCDecoderConfigurationRecord for the format's SPS and PPS
   */
  public static StreamHeader write(
      long id, VideoFormat format, byte[] segmentUid, byte[] codecPrivate) {
    if (segmentUid.length != 16) {
      throw new IllegalArgumentException("SegmentUID must be 16 bytes, got " + segmentUid.length);
    }
    ByteBuffer b = ByteBuffer.allocate(512 + codecPrivate.length);

    int ebml = EbmlWriter.startMaster(b, MkvIds.EBML, 1);
    EbmlWriter.writeUint(b, MkvIds.EBML_VERSION, 1);
    EbmlWriter.writeUint(b, MkvIds.EBML_READ_VERSION, 1);
    EbmlWriter.writeUint(b, MkvIds.EBML_MAX_ID_LENGTH, 4);
    EbmlWriter.writeUint(b, MkvIds.EBML_MAX_SIZE_LENGTH, 8);
    EbmlWriter.writeString(b, MkvIds.DOC_TYPE, "matroska");
    EbmlWriter.writeUint(b, MkvIds.DOC_TYPE_VERSION, 2);
    EbmlWriter.writeUint(b, MkvIds.DOC_TYPE_READ_VERSION, 2);
    EbmlWriter.endMaster(b, ebml, 1);

    EbmlWriter.writeUnknownSizeHeader(b, MkvIds.SEGMENT);

    int info = EbmlWriter.startMaster(b, MkvIds.INFO, 2);
    EbmlWriter.writeBinary(b, MkvIds.SEGMENT_UID, segmentUid, 0, 16);
    EbmlWriter.writeUintFixed(b, MkvIds.TIMECODE_SCALE, TIMECODE_SCALE_NANOS, 8);
    EbmlWriter.writeString(b, MkvIds.TITLE, APP);
    EbmlWriter.writeString(b, MkvIds.MUXING_APP, APP + " " + version());
    EbmlWriter.writeString(b, MkvIds.WRITING_APP, APP + " " + version());
    EbmlWriter.endMaster(b, info, 2);

    int tracks = EbmlWriter.startMaster(b, MkvIds.TRACKS, 4);
    int entry = EbmlWriter.startMaster(b, MkvIds.TRACK_ENTRY, 4);
    EbmlWriter.writeUint(b, MkvIds.TRACK_NUMBER, TRACK_NUMBER);
    EbmlWriter.writeUintFixed(b, MkvIds.TRACK_UID, TRACK_UID, 8);
    EbmlWriter.writeUint(b, MkvIds.TRACK_TYPE, 1);
    EbmlWriter.writeString(b, MkvIds.CODEC_ID, CODEC_ID);
    EbmlWriter.writeString(b, MkvIds.NAME, TRACK_NAME);
    EbmlWriter.writeUint(b, MkvIds.DEFAULT_DURATION, 1_000_000_000L / format.frameRate());
    EbmlWriter.writeBinary(b, MkvIds.CODEC_PRIVATE, codecPrivate, 0, codecPrivate.length);
    int video = EbmlWriter.startMaster(b, MkvIds.VIDEO, 4);
    EbmlWriter.writeUintFixed(b, MkvIds.PIXEL_WIDTH, format.width(), 2);
    EbmlWriter.writeUintFixed(b, MkvIds.PIXEL_HEIGHT, format.height(), 2);
    EbmlWriter.endMaster(b, video, 4);
    EbmlWriter.endMaster(b, entry, 4);
    EbmlWriter.endMaster(b, tracks, 4);

    return new StreamHeader(id, format, Arrays.copyOf(b.array(), b.position()));
  }

  private static String version() {
    String v = SegmentHeaderWriter.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
