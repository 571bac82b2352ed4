package io.camappliance.h264;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * AVCDecoderConfigurationRecord (ISO/IEC 14496-15 §5.2.4.1, "avcC"): the H.264 codec private data
 * of an MP4 {@code avcC} box and a Matroska {@code V_MPEG4/ISO/AVC} track (KVS data model §3).
 *
 * <pre>
 *  byte 0   configurationVersion = 1
 *  byte 1   AVCProfileIndication       = SPS profile_idc
 *  byte 2   profile_compatibility      = SPS constraint flags byte
 *  byte 3   AVCLevelIndication         = SPS level_idc
 *  byte 4   111111b | lengthSizeMinusOne (2 bits)          0xFF: 4-byte NAL lengths
 *  byte 5   111b | numOfSequenceParameterSets (5 bits)      0xE1: one SPS
 *           { uint16 sequenceParameterSetLength, SPS NAL unit } * numOfSequenceParameterSets
 *  byte n   numOfPictureParameterSets (8 bits)              0x01: one PPS
 *           { uint16 pictureParameterSetLength, PPS NAL unit } * numOfPictureParameterSets
 *  only for profile_idc 100, 110, 122, 144 (High family):
 *           111111b | chroma_format (2 bits)
 *           11111b  | bit_depth_luma_minus8 (3 bits)
 *           11111b  | bit_depth_chroma_minus8 (3 bits)
 *           numOfSequenceParameterSetExt (8 bits) = 0
 * </pre>
 *
 * Parameter sets are stored as NAL units, header byte included and emulation prevention kept.
 *
 * <p>The High-family extension: 14496-15 requires it, FFmpeg writes it, the KVS producer SDK does
 * not, and players accept both. We write it, so our records match what the standard and FFmpeg
 * produce; {@link #parse} accepts records with or without it, and ignores any bytes after the
 * structure it knows (later editions may append more).
 */
public final class AvcConfigurationRecord {
  /** {@code 11 = 1 + 1 + 1 + 1 + 1 + 1 + 2 + 1 + 2}: fixed bytes around one SPS and one PPS. */
  private static final int FIXED_OVERHEAD = 11;

  private static final int HIGH_EXTENSION_SIZE = 4;
  private static final int MAX_PARAMETER_SET_SIZE = 0xFFFF;

  private final int profileIdc;
  private final int profileCompatibility;
  private final int levelIdc;
  private final int lengthSize;
  private final List<byte[]> sps;
  private final List<byte[]> pps;
  private final int chromaFormat;
  private final int bitDepthLuma;
  private final int bitDepthChroma;
  private final boolean highExtension;

  private AvcConfigurationRecord(
      int profileIdc,
      int profileCompatibility,
      int levelIdc,
      int lengthSize,
      List<byte[]> sps,
      List<byte[]> pps,
      int chromaFormat,
      int bitDepthLuma,
      int bitDepthChroma,
      boolean highExtension) {
    this.profileIdc = profileIdc;
    this.profileCompatibility = profileCompatibility;
    this.levelIdc = levelIdc;
    this.lengthSize = lengthSize;
    this.sps = sps;
    this.pps = pps;
    this.chromaFormat = chromaFormat;
    this.bitDepthLuma = bitDepthLuma;
    this.bitDepthChroma = bitDepthChroma;
    this.highExtension = highExtension;
  }

  /**
   * A record for one SPS and one PPS (NAL units, header included, escaped), with 4-byte NAL lengths
   * as {@link AnnexB#toAvcc} writes them. The SPS is parsed for profile, level and, for High
   * profiles, the chroma format and bit depths.
   *
   * @throws H264Exception when the SPS does not parse, the PPS is not a PPS, or either is longer
   *     than 65535 bytes
   */
  public static AvcConfigurationRecord of(byte[] sps, byte[] pps) throws H264Exception {
    return of(List.of(sps), List.of(pps));
  }

  /** A record for several SPS and PPS; the first SPS gives profile and level. */
  public static AvcConfigurationRecord of(List<byte[]> spsList, List<byte[]> ppsList)
      throws H264Exception {
    if (spsList.isEmpty() || spsList.size() > 31) {
      throw new H264Exception(spsList.size() + " SPS, a record holds 1..31");
    }
    if (ppsList.isEmpty() || ppsList.size() > 255) {
      throw new H264Exception(ppsList.size() + " PPS, a record holds 1..255");
    }
    Sps first = null;
    for (byte[] s : spsList) {
      checkParameterSet(s, NalUnitType.SPS, "SPS");
      Sps parsed = Sps.parse(s);
      first = first == null ? parsed : first;
    }
    for (byte[] p : ppsList) {
      checkParameterSet(p, NalUnitType.PPS, "PPS");
    }
    return new AvcConfigurationRecord(
        first.profileIdc(),
        first.constraintFlags(),
        first.levelIdc(),
        AnnexB.AVCC_LENGTH_SIZE,
        copies(spsList),
        copies(ppsList),
        first.chromaFormatIdc(),
        first.bitDepthLuma(),
        first.bitDepthChroma(),
        hasHighExtension(first.profileIdc()));
  }

  /** Parses a whole array as a record. */
  public static AvcConfigurationRecord parse(byte[] buf) throws H264Exception {
    return parse(buf, 0, buf.length);
  }

  /**
   * Parses a record, e.g. a Matroska CodecPrivate or the body of an MP4 {@code avcC} box.
   *
   * @throws H264Exception when the version is not 1, the length size is 3, a count or length runs
   *     past the end, there is no SPS or no PPS, or a parameter set has the wrong NAL type
   */
  public static AvcConfigurationRecord parse(byte[] buf, int off, int len) throws H264Exception {
    if (off < 0 || len < 0 || off > buf.length - len) {
      throw new IllegalArgumentException(
          "slice [" + off + ", +" + len + ") outside buffer of " + buf.length);
    }
    Cursor c = new Cursor(buf, off, len);
    int version = c.u8("configurationVersion");
    if (version != 1) {
      throw new H264Exception("configurationVersion " + version + ", expected 1");
    }
    int profile = c.u8("AVCProfileIndication");
    int compatibility = c.u8("profile_compatibility");
    int level = c.u8("AVCLevelIndication");
    int lengthSize = (c.u8("lengthSizeMinusOne") & 0x03) + 1;
    if (lengthSize == 3) {
      throw new H264Exception("lengthSizeMinusOne 2 (3-byte NAL lengths) is not allowed");
    }
    int numSps = c.u8("numOfSequenceParameterSets") & 0x1F;
    if (numSps == 0) {
      throw new H264Exception("record has no SPS");
    }
    List<byte[]> sps = new ArrayList<>(numSps);
    for (int i = 0; i < numSps; i++) {
      sps.add(c.parameterSet(NalUnitType.SPS, "SPS #" + i));
    }
    int numPps = c.u8("numOfPictureParameterSets");
    if (numPps == 0) {
      throw new H264Exception("record has no PPS");
    }
    List<byte[]> pps = new ArrayList<>(numPps);
    for (int i = 0; i < numPps; i++) {
      pps.add(c.parameterSet(NalUnitType.PPS, "PPS #" + i));
    }
    int chromaFormat = 1;
    int bitDepthLuma = 8;
    int bitDepthChroma = 8;
    boolean highExtension = hasHighExtension(profile) && c.remaining() >= HIGH_EXTENSION_SIZE;
    if (highExtension) {
      chromaFormat = c.u8("chroma_format") & 0x03;
      bitDepthLuma = 8 + (c.u8("bit_depth_luma_minus8") & 0x07);
      bitDepthChroma = 8 + (c.u8("bit_depth_chroma_minus8") & 0x07);
      int numExt = c.u8("numOfSequenceParameterSetExt");
      for (int i = 0; i < numExt; i++) {
        c.parameterSet(NalUnitType.SPS_EXTENSION, "SPS extension #" + i);
      }
    }
    return new AvcConfigurationRecord(
        profile,
        compatibility,
        level,
        lengthSize,
        List.copyOf(sps),
        List.copyOf(pps),
        chromaFormat,
        bitDepthLuma,
        bitDepthChroma,
        highExtension);
  }

  /** The encoded size in bytes. */
  public int size() {
    int size = FIXED_OVERHEAD - 4; // the four length fields of one SPS and one PPS come below
    for (byte[] s : sps) {
      size += 2 + s.length;
    }
    for (byte[] p : pps) {
      size += 2 + p.length;
    }
    return size + (highExtension ? HIGH_EXTENSION_SIZE : 0);
  }

  /**
   * Writes the record at {@code dst}'s position, advancing it by {@link #size()}. A record that
   * came from {@link #parse} is written back without any SPS extension NAL units it carried.
   */
  public void writeTo(ByteBuffer dst) {
    dst.put((byte) 1);
    dst.put((byte) profileIdc);
    dst.put((byte) profileCompatibility);
    dst.put((byte) levelIdc);
    dst.put((byte) (0xFC | (lengthSize - 1)));
    dst.put((byte) (0xE0 | sps.size()));
    for (byte[] s : sps) {
      dst.putShort((short) s.length);
      dst.put(s);
    }
    dst.put((byte) pps.size());
    for (byte[] p : pps) {
      dst.putShort((short) p.length);
      dst.put(p);
    }
    if (highExtension) {
      dst.put((byte) (0xFC | chromaFormat));
      dst.put((byte) (0xF8 | (bitDepthLuma - 8)));
      dst.put((byte) (0xF8 | (bitDepthChroma - 8)));
      dst.put((byte) 0);
    }
  }

  /** The record as a new array. */
  public byte[] toBytes() {
    ByteBuffer b = ByteBuffer.allocate(size());
    writeTo(b);
    return b.array();
  }

  public int profileIdc() {
    return profileIdc;
  }

  public int profileCompatibility() {
    return profileCompatibility;
  }

  public int levelIdc() {
    return levelIdc;
  }

  /** Bytes in each NAL length prefix of the samples this record describes: 1, 2 or 4. */
  public int lengthSize() {
    return lengthSize;
  }

  /** The SPS NAL units (copies). */
  public List<byte[]> sps() {
    return copies(sps);
  }

  /** The PPS NAL units (copies). */
  public List<byte[]> pps() {
    return copies(pps);
  }

  /** True when the record carries the High-profile chroma and bit depth bytes. */
  public boolean hasHighExtension() {
    return highExtension;
  }

  /** chroma_format from the High-profile bytes; 1 (4:2:0) when they are absent. */
  public int chromaFormat() {
    return chromaFormat;
  }

  public int bitDepthLuma() {
    return bitDepthLuma;
  }

  public int bitDepthChroma() {
    return bitDepthChroma;
  }

  /** The profiles for which 14496-15 appends the chroma and bit depth bytes. */
  private static boolean hasHighExtension(int profileIdc) {
    return profileIdc == 100 || profileIdc == 110 || profileIdc == 122 || profileIdc == 144;
  }

  private static void checkParameterSet(byte[] nal, int type, String name) throws H264Exception {
    if (nal.length == 0) {
      throw new H264Exception(name + " is empty");
    }
    if (nal.length > MAX_PARAMETER_SET_SIZE) {
      throw new H264Exception(
          name + " of " + nal.length + " bytes is longer than " + MAX_PARAMETER_SET_SIZE);
    }
    if (NalUnitType.of(nal[0]) != type) {
      throw new H264Exception(
          name + " has NAL unit type " + NalUnitType.of(nal[0]) + ", expected " + type);
    }
  }

  private static List<byte[]> copies(List<byte[]> list) {
    List<byte[]> out = new ArrayList<>(list.size());
    for (byte[] b : list) {
      out.add(b.clone());
    }
    return List.copyOf(out);
  }

  /** Reads the record with a bounds check before every field. */
  private static final class Cursor {
    private final byte[] buf;
    private final int start;
    private final int end;
    private int pos;

    Cursor(byte[] buf, int off, int len) {
      this.buf = buf;
      this.start = off;
      this.end = off + len;
      this.pos = off;
    }

    int remaining() {
      return end - pos;
    }

    int u8(String field) throws H264Exception {
      need(1, field);
      return buf[pos++] & 0xFF;
    }

    byte[] parameterSet(int type, String name) throws H264Exception {
      need(2, name + " length");
      int len = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
      pos += 2;
      if (len == 0) {
        throw new H264Exception(name + " at offset " + (pos - 2 - start) + " has length 0");
      }
      need(len, name);
      byte[] nal = new byte[len];
      System.arraycopy(buf, pos, nal, 0, len);
      if (NalUnitType.of(nal[0]) != type) {
        throw new H264Exception(
            name
                + " at offset "
                + (pos - start)
                + " has NAL unit type "
                + NalUnitType.of(nal[0])
                + ", expected "
                + type);
      }
      pos += len;
      return nal;
    }

    private void need(int n, String field) throws H264Exception {
      if (end - pos < n) {
        throw new H264Exception(
            "record truncated in "
                + field
                + ": needs "
                + n
                + " bytes at offset "
                + (pos - start)
                + ", "
                + (end - pos)
                + " left");
      }
    }
  }
}
