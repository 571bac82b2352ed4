package io.camappliance.camera;

import io.camappliance.h264.AccessUnits;
import io.camappliance.h264.AnnexB;
import io.camappliance.h264.FrameStamp;
import io.camappliance.h264.H264Exception;
import io.camappliance.h264.NalUnitType;
import io.camappliance.h264.NalUnitVisitor;
import io.camappliance.h264.Sps;
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
 * {@link AnnexB#problem} finds fault with, or that holds no slice, is rejected and counted.
 *
 * <p>The format's picture size comes from the SPS, and its frame rate from the SPS's VUI timing
 * when it has one; the values given to the constructor (configured or demuxed) stand in for what
 * the SPS does not tell or when it does not parse.
 *
 * <p>Used on one thread (the source's). Per frame it allocates the output array and the stamp.
 */
final class FrameAssembler {
  private static final byte[] START_CODE = {0, 0, 0, 1};
  private static final int SKIPPED_WARNING = 300;

  /** VUI timing beyond this is broken (num_units_in_tick of 1 against a huge time_scale). */
  private static final int MAX_SPS_FPS = 1000;

  private static final Logger log = LoggerFactory.getLogger(FrameAssembler.class);

  private final int width;
  private final int height;
  private final int fps;
  private byte[] sps;
  private byte[] pps;
  private VideoFormat format;
  private long sequence;
  private long lastPts = Long.MIN_VALUE;
  private boolean seenKeyframe;
  private long rejected;
  private String lastRejection;
  private long skippedBeforeKeyframe;

  // NAL table of the access unit being assembled, reused from frame to frame.
  private int[] nalOff = new int[16];
  private int[] nalLen = new int[16];
  private int nalCount;
  private final NalUnitVisitor collector = this::collect;

  /** The picture size and frame rate to use where the SPS does not tell them. */
  FrameAssembler(int width, int height, int fps) {
    this.width = width;
    this.height = height;
    this.fps = fps;
  }

  /** Seeds the parameter sets (from container extradata) for IDRs that do not carry them. */
  void parameterSets(byte[] sps, byte[] pps) {
    updateParameterSets(sps, 0, sps.length, pps, 0, pps.length);
  }

  /** Seeds the parameter sets from Annex-B extradata (an encoder's or a raw stream's). */
  void parameterSetsFromAnnexB(byte[] extradata) {
    byte[] s = AccessUnits.sps(extradata, 0, extradata.length);
    byte[] p = AccessUnits.pps(extradata, 0, extradata.length);
    if (s != null && p != null) {
      parameterSets(s, p);
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
    String problem = AnnexB.problem(au, off, len);
    if (problem != null) {
      return reject(problem);
    }
    // One walk builds the NAL table; the questions below read it rather than walking again.
    nalCount = 0;
    AnnexB.forEachNalUnit(au, off, len, collector);
    int firstVcl = -1;
    boolean idr = false;
    int auSps = -1;
    int auPps = -1;
    for (int i = 0; i < nalCount; i++) {
      int type = type(au, i);
      if (firstVcl < 0 && NalUnitType.isVcl(type)) {
        firstVcl = i;
      }
      idr |= type == NalUnitType.IDR;
      if (type == NalUnitType.SPS && auSps < 0) {
        auSps = i;
      } else if (type == NalUnitType.PPS && auPps < 0) {
        auPps = i;
      }
    }
    if (firstVcl < 0) {
      return reject("no slice among its " + nalCount + " NAL units");
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
      if (keeps(au, i, addParameterSets)) {
        size += 4 + nalLen[i];
      }
    }
    byte[] out = new byte[size];
    int p = 0;
    int i = 0;
    // Leading access unit delimiter stays first.
    if (type(au, 0) == NalUnitType.AUD) {
      p = put(out, p, au, nalOff[0], nalLen[0]);
      i = 1;
    }
    if (addParameterSets) {
      p = put(out, p, sps, 0, sps.length);
      p = put(out, p, pps, 0, pps.length);
    }
    for (; i < nalCount; i++) {
      if (i == firstVcl) {
        p = put(out, p, stamp, 0, stamp.length);
      }
      if (keeps(au, i, addParameterSets)) {
        p = put(out, p, au, nalOff[i], nalLen[i]);
      }
    }
    return new EncodedFrame(sequence++, pts, pts, captureEpochMicros, idr, out, p, format);
  }

  private EncodedFrame reject(String problem) {
    rejected++;
    lastRejection = problem;
    return null;
  }

  /** Access units rejected as invalid Annex-B. */
  long rejected() {
    return rejected;
  }

  /** Why the latest rejected access unit was rejected, or null when none was. */
  String lastRejection() {
    return lastRejection;
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
    if (nalCount == nalOff.length) {
      nalOff = Arrays.copyOf(nalOff, nalCount * 2);
      nalLen = Arrays.copyOf(nalLen, nalCount * 2);
    }
    nalOff[nalCount] = off;
    nalLen[nalCount] = len;
    nalCount++;
  }

  private int type(byte[] au, int i) {
    return NalUnitType.of(au[nalOff[i]]);
  }

  /** False for an old stamp, and for SPS and PPS when the latest pair is written instead. */
  private boolean keeps(byte[] au, int i, boolean addParameterSets) {
    int type = type(au, i);
    if (type == NalUnitType.SEI) {
      return FrameStamp.fromNalUnit(au, nalOff[i], nalLen[i]).isEmpty();
    }
    return !(addParameterSets && (type == NalUnitType.SPS || type == NalUnitType.PPS));
  }

  private void updateParameterSets(byte[] s, int sOff, int sLen, byte[] q, int qOff, int qLen) {
    if (sps != null
        && Arrays.equals(sps, 0, sps.length, s, sOff, sOff + sLen)
        && Arrays.equals(pps, 0, pps.length, q, qOff, qOff + qLen)) {
      return;
    }
    sps = Arrays.copyOfRange(s, sOff, sOff + sLen);
    pps = Arrays.copyOfRange(q, qOff, qOff + qLen);
    int w = width;
    int h = height;
    int rate = fps;
    try {
      Sps parsed = Sps.parse(sps);
      w = parsed.width();
      h = parsed.height();
      long spsRate = Math.round(parsed.frameRate());
      rate = spsRate >= 1 && spsRate <= MAX_SPS_FPS ? (int) spsRate : fps;
    } catch (H264Exception e) {
      log.warn("SPS does not parse ({}); using {}x{} at {} fps", e.getMessage(), w, h, rate);
    }
    format = new VideoFormat("H264", w, h, rate, sps, pps);
  }

  private static int put(byte[] out, int p, byte[] src, int off, int len) {
    System.arraycopy(START_CODE, 0, out, p, 4);
    System.arraycopy(src, off, out, p + 4, len);
    return p + 4 + len;
  }
}
