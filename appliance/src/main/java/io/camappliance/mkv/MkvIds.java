package io.camappliance.mkv;

/**
 * Matroska/EBML element IDs the appliance writes and reads (RFC 8794 EBML, RFC 9559 Matroska; the
 * subset and values the KVS data model uses). IDs keep their length marker bits, as on the wire.
 */
public final class MkvIds {
  private MkvIds() {}

  public static final int EBML = 0x1A45DFA3;
  public static final int EBML_VERSION = 0x4286;
  public static final int EBML_READ_VERSION = 0x42F7;
  public static final int EBML_MAX_ID_LENGTH = 0x42F2;
  public static final int EBML_MAX_SIZE_LENGTH = 0x42F3;
  public static final int DOC_TYPE = 0x4282;
  public static final int DOC_TYPE_VERSION = 0x4287;
  public static final int DOC_TYPE_READ_VERSION = 0x4285;

  public static final int SEGMENT = 0x18538067;
  public static final int INFO = 0x1549A966;
  public static final int SEGMENT_UID = 0x73A4;
  public static final int TIMECODE_SCALE = 0x2AD7B1;
  public static final int TITLE = 0x7BA9;
  public static final int MUXING_APP = 0x4D80;
  public static final int WRITING_APP = 0x5741;

  public static final int TRACKS = 0x1654AE6B;
  public static final int TRACK_ENTRY = 0xAE;
  public static final int TRACK_NUMBER = 0xD7;
  public static final int TRACK_UID = 0x73C5;
  public static final int TRACK_TYPE = 0x83;
  public static final int CODEC_ID = 0x86;
  public static final int NAME = 0x536E;
  public static final int CODEC_PRIVATE = 0x63A2;
  public static final int DEFAULT_DURATION = 0x23E383;
  public static final int VIDEO = 0xE0;
  public static final int PIXEL_WIDTH = 0xB0;
  public static final int PIXEL_HEIGHT = 0xBA;

  public static final int CLUSTER = 0x1F43B675;
  public static final int TIMECODE = 0xE7;
  public static final int POSITION = 0xA7;
  public static final int SIMPLE_BLOCK = 0xA3;
  public static final int BLOCK_GROUP = 0xA0;

  public static final int TAGS = 0x1254C367;
  public static final int TAG = 0x7373;
  public static final int SIMPLE_TAG = 0x67C8;
  public static final int TAG_NAME = 0x45A3;
  public static final int TAG_STRING = 0x4487;

  public static final int VOID = 0xEC;
  public static final int CUES = 0x1C53BB6B;
  public static final int SEEK_HEAD = 0x114D9B74;

  /** The one-byte vint {@code 0xFF}: "unknown size", used for the live Segment and Clusters. */
  public static final int UNKNOWN_SIZE_BYTE = 0xFF;
}
