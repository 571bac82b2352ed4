package io.camappliance.camera;

import io.camappliance.h264.AnnexB;
import io.camappliance.h264.FrameStamp;
import io.camappliance.h264.NalUnitVisitor;
import io.camappliance.media.EncodedFrame;
import io.camappliance.media.VideoFormat;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one access unit from an encoder, camera or file into the {@link EncodedFrame} every source
 * hands out (ITU-T H.264 §7.4.1.2.3 for the order of NAL units in an access unit):
 *
 * <pre>
 * [AUD] [SPS PPS] [other leading non-VCL NALs] FrameStamp-SEI  slice NALs ...
 *        ^ added on an IDR that lacks them      ^ always added, right before the first slice
 * </pre>
 *
 * When an IDR carries only one of SPS and PPS, both are written in that order from the latest known
 * pair (which includes the one it carried). Every NAL unit is written with a 4-byte start code.
 * Stamps found in the input (a replayed recording) are dropped, so a frame carries exactly one.
 * Frames before the first IDR are skipped (nothing downstream can decode them); an access unit that
 * is not valid Annex-B (no NAL units, a set forbidden_zero_bit, a reserved NAL type, or no slice)
 * is rejected and counted.
 *
 * <p>Used on one thread (the source's). Per frame it allocates the output array and the stamp.
 */
final class FrameAssembler {
  private static final int NAL_SLICE = 1;
  private static final int NAL_IDR = 5;
  private static final int NAL_SEI = 6;
  private static final int NAL_SPS = 7;
  private static final int NAL_PPS = 8;
  private static final int NAL_AUD = 9;
  private static final byte[] START_CODE = {0, 0, 0, 1};
  private static final int SKIPPED_WARNING = 300;
  private static final Logger log = LoggerFactory.getLogger(FrameAssembler.class);

  private final int fps;
  private int width;
  private int height;
  private byte[] sps;
  private byte[] pps;
  private VideoFormat format;
  private long sequence;
  private long lastPts = Long.MIN_VALUE;
  private boolean seenKeyframe;
  private long rejected;
  private long skippedBeforeKeyframe;

  // NAL table of the access unit being assembled, reused from frame to frame.
  private int[] nalOff = new int[16];
  private int[] nalLen = new int[16];
  private int nalCount;
  private boolean invalid;
  private final NalUnitVisitor collector = this::collect;

  FrameAssembler(int width, int height, int fps) {
    this.width = width;
    this.height = height;
    this.fps = fps;
  }

  /** Sets the picture size for formats built from now on (e.g. what the demuxer reports). */
  void pictureSize(int width, int height) {
    this.width = width;
    this.height = height;
  }

  /** Seeds the parameter sets (from container extradata) for IDRs that do not carry them. */
  void parameterSets(byte[] sps, byte[] pps) {
    updateParameterSets(sps, 0, sps.length, pps, 0, pps.length);
  }

  /** Seeds the parameter sets from Annex-B extradata (an encoder's or a raw stream's). */
  void parameterSetsFromAnnexB(byte[] extradata) {
    byte[][] sets = new byte[2][];
    AnnexB.forEachNalUnit(
        extradata,
        0,
        extradata.length,
        (b, o, l) -> {
          int type = b[o] & 0x1F;
          if (type == NAL_SPS && sets[0] == null) {
            sets[0] = Arrays.copyOfRange(b, o, o + l);
          } else if (type == NAL_PPS && sets[1] == null) {
            sets[1] = Arrays.copyOfRange(b, o, o + l);
          }
        });
    if (sets[0] != null && sets[1] != null) {
      parameterSets(sets[0], sets[1]);
    }
  }

  /**
   * Assembles one frame.
   *
   * @param ptsMicros the presentation time on the source's monotonic clock; raised to one
   *     microsecond past the previous frame's if it is not later
   * @return the frame, or null when the access unit was rejected or precedes the first IDR
   */
  EncodedFrame assemble(byte[] au, int off, int len, long ptsMicros, long captureEpochMicros) {
    nalCount = 0;
    invalid = false;
    AnnexB.forEachNalUnit(au, off, len, collector);
    int firstVcl = -1;
    boolean idr = false;
    int auSps = -1;
    int auPps = -1;
    for (int i = 0; i < nalCount; i++) {
      int type = au[nalOff[i]] & 0x1F;
      if ((type == NAL_SLICE || type == NAL_IDR) && firstVcl < 0) {
        firstVcl = i;
      }
      idr |= type == NAL_IDR;
      if (type == NAL_SPS && auSps < 0) {
        auSps = i;
      } else if (type == NAL_PPS && auPps < 0) {
        auPps = i;
      }
    }
    if (invalid || nalCount == 0 || firstVcl < 0) {
      rejected++;
      return null;
    }
    if (auSps >= 0 && auPps >= 0) {
      updateParameterSets(au, nalOff[auSps], nalLen[auSps], au, nalOff[auPps], nalLen[auPps]);
    } else if (auSps >= 0 && pps != null) {
      updateParameterSets(au, nalOff[auSps], nalLen[auSps], pps, 0, pps.length);
    } else if (auPps >= 0 && sps != null) {
      updateParameterSets(sps, 0, sps.length, au, nalOff[auPps], nalLen[auPps]);
    }
    if (!seenKeyframe && (!idr || sps == null)) {
      if (++skippedBeforeKeyframe == SKIPPED_WARNING) {
        log.warn(
            "no IDR with SPS and PPS in the first {} access units; frames are being skipped",
            SKIPPED_WARNING);
      }
      return null;
    }
    seenKeyframe = true;
    boolean addParameterSets = idr && (auSps < 0 || auPps < 0);

    long pts = ptsMicros > lastPts ? ptsMicros : lastPts + 1;
    lastPts = pts;
    byte[] stamp = new FrameStamp(captureEpochMicros, sequence).toNalUnit();

    int size = 4 + stamp.length;
    if (addParameterSets) {
      size += 8 + sps.length + pps.length;
    }
    for (int i = 0; i < nalCount; i++) {
      if (!isOldStamp(au, i) && !(addParameterSets && isParameterSet(au, i))) {
        size += 4 + nalLen[i];
      }
    }
    byte[] out = new byte[size];
    int p = 0;
    int i = 0;
    // Leading access unit delimiter stays first.
    if ((au[nalOff[0]] & 0x1F) == NAL_AUD) {
      p = put(out, p, au, nalOff[0], nalLen[0]);
      i = 1;
    }
    if (addParameterSets) {
      p = put(out, p, sps, 0, sps.length);
      p = put(out, p, pps, 0, pps.length);
    }
    for (; i < firstVcl; i++) {
      if (!isOldStamp(au, i) && !(addParameterSets && isParameterSet(au, i))) {
        p = put(out, p, au, nalOff[i], nalLen[i]);
      }
    }
    p = put(out, p, stamp, 0, stamp.length);
    for (; i < nalCount; i++) {
      if (!isOldStamp(au, i) && !(addParameterSets && isParameterSet(au, i))) {
        p = put(out, p, au, nalOff[i], nalLen[i]);
      }
    }
    return new EncodedFrame(sequence++, pts, pts, captureEpochMicros, idr, out, p, format);
  }

  /** Access units rejected as invalid Annex-B. */
  long rejected() {
    return rejected;
  }

  /** Access units skipped because no IDR with parameter sets had been seen yet. */
  long skippedBeforeKeyframe() {
    return skippedBeforeKeyframe;
  }

  /** The format of the latest frame, or null before the first. */
  VideoFormat format() {
    return format;
  }

  private void collect(byte[] buf, int off, int len) {
    int header = buf[off] & 0xFF;
    int type = header & 0x1F;
    // forbidden_zero_bit set, unspecified (0) or reserved/unspecified types (24..31) mean garbage.
    if ((header & 0x80) != 0 || type == 0 || type >= 24) {
      invalid = true;
    }
    if (nalCount == nalOff.length) {
      nalOff = Arrays.copyOf(nalOff, nalCount * 2);
      nalLen = Arrays.copyOf(nalLen, nalCount * 2);
    }
    nalOff[nalCount] = off;
    nalLen[nalCount] = len;
    nalCount++;
  }

  private boolean isOldStamp(byte[] au, int i) {
    return (au[nalOff[i]] & 0x1F) == NAL_SEI
        && FrameStamp.fromNalUnit(au, nalOff[i], nalLen[i]).isPresent();
  }

  private boolean isParameterSet(byte[] au, int i) {
    int type = au[nalOff[i]] & 0x1F;
    return type == NAL_SPS || type == NAL_PPS;
  }

  private void updateParameterSets(byte[] s, int sOff, int sLen, byte[] q, int qOff, int qLen) {
    if (sps != null
        && Arrays.equals(sps, 0, sps.length, s, sOff, sOff + sLen)
        && Arrays.equals(pps, 0, pps.length, q, qOff, qOff + qLen)
        && format != null
        && format.width() == width
        && format.height() == height) {
      return;
    }
    sps = Arrays.copyOfRange(s, sOff, sOff + sLen);
    pps = Arrays.copyOfRange(q, qOff, qOff + qLen);
    format = new VideoFormat("H264", width, height, fps, sps, pps);
  }

  private static int put(byte[] out, int p, byte[] src, int off, int len) {
    System.arraycopy(START_CODE, 0, out, p, 4);
    System.arraycopy(src, off, out, p + 4, len);
    return p + 4 + len;
  }
}
