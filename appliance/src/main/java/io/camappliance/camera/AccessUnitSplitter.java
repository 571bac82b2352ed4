package io.camappliance.camera;

import io.camappliance.h264.NalUnitType;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts an H.264 Annex-B byte stream (ITU-T H.264 Annex B) into access units. Following §7.4.1.2.3,
 * once the current access unit holds a slice, a new one starts at an access unit delimiter (9), SEI
 * (6), SPS (7), PPS (8), a NAL of types 14..18, or a slice whose first_mb_in_slice is 0:
 *
 * <pre>
 * slice NAL:  | F | NRI | type=1/5 | first_mb_in_slice ue(v) | ...
 *                 1 byte              ue(v) of 0 is the single bit '1', so the next byte's top bit
 *                                     is set exactly when first_mb_in_slice == 0
 * </pre>
 *
 * That one bit is all the splitter reads of a slice header, so it needs no Exp-Golomb reader.
 *
 * <p>An access unit is only known to be complete when the next one begins (or the stream ends), so
 * a live stream is delayed by one frame. Bytes before the first start code are dropped. An access
 * unit larger than {@link #MAX_ACCESS_UNIT} fails the stream.
 */
final class AccessUnitSplitter {
  /** 16 MiB: far above any access unit a camera produces (a 1080p IDR is well under 1 MiB). */
  static final int MAX_ACCESS_UNIT = 16 << 20;

  private final InputStream in;
  private byte[] buf = new byte[256 * 1024];
  private int len;
  private int scan;
  private int auStart = -1;
  private boolean auHasSlice;
  private boolean eof;
  private int emittedEnd;
  private int outOffset;
  private int outLength;

  AccessUnitSplitter(InputStream in) {
    this.in = in;
  }

  /**
   * Reads up to the end of the next access unit.
   *
   * @return its length ({@link #buffer()} from {@link #offset()}), or -1 at the end of the stream
   * @throws IOException from the stream, or when an access unit exceeds {@link #MAX_ACCESS_UNIT}
   */
  int next() throws IOException {
    compact();
    while (true) {
      int sc = findStartCode(scan);
      if (sc >= 0 && sc + 4 < len) {
        int type = NalUnitType.of(buf[sc + 3]);
        boolean slice = type == NalUnitType.SLICE || type == NalUnitType.IDR;
        if (auStart < 0) {
          auStart = sc > 0 && buf[sc - 1] == 0 ? sc - 1 : sc; // keep a 4-byte start code whole
        } else if (auHasSlice && startsAccessUnit(type, buf[sc + 4])) {
          // The zero_byte of a 4-byte start code goes with the next access unit; any other zeros
          // before it are trailing_zero_8bits of this one.
          int cut = sc > auStart && buf[sc - 1] == 0 ? sc - 1 : sc;
          emit(auStart, cut);
          auStart = cut;
          auHasSlice = slice;
          scan = sc + 3;
          return outLength;
        }
        auHasSlice |= slice;
        scan = sc + 3;
        continue;
      }
      if (sc < 0) {
        // A start code (and the zero_byte of a 4-byte one) may straddle the end of what we have.
        scan = Math.max(scan, len - 3);
      }
      if (eof) {
        if (auStart >= 0 && len > auStart) {
          emit(auStart, len);
          auStart = -1;
          auHasSlice = false;
          return outLength;
        }
        return -1;
      }
      fill();
    }
  }

  /** The buffer holding the access unit {@link #next()} returned; valid until the next call. */
  byte[] buffer() {
    return buf;
  }

  int offset() {
    return outOffset;
  }

  private static boolean startsAccessUnit(int type, byte next) {
    return switch (type) {
      case NalUnitType.SEI, NalUnitType.SPS, NalUnitType.PPS, NalUnitType.AUD -> true;
      case 14, 15, 16, 17, 18 -> true; // prefix, subset SPS, depth parameter set, reserved
      case NalUnitType.SLICE, NalUnitType.IDR -> (next & 0x80) != 0;
      default -> false;
    };
  }

  private void emit(int from, int to) {
    outOffset = from;
    outLength = to - from;
    emittedEnd = to;
  }

  /** Drops what was handed out (and any garbage before the first start code). */
  private void compact() {
    int keep = emittedEnd;
    if (auStart < 0 && !eof) {
      keep = Math.max(keep, Math.max(0, scan)); // nothing of value before the scan position
    }
    if (keep == 0) {
      return;
    }
    System.arraycopy(buf, keep, buf, 0, len - keep);
    len -= keep;
    scan = Math.max(0, scan - keep);
    if (auStart >= 0) {
      auStart -= keep;
    }
    emittedEnd = 0;
  }

  private void fill() throws IOException {
    int held = len - Math.max(auStart, 0);
    if (held > MAX_ACCESS_UNIT) {
      throw new IOException(
          "access unit of more than " + held + " bytes exceeds the limit of " + MAX_ACCESS_UNIT);
    }
    if (auStart < 0 && scan > 0) {
      compact();
    }
    if (len == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, len, buf.length - len);
    if (n < 0) {
      eof = true;
    } else {
      len += n;
    }
  }

  private int findStartCode(int from) {
    for (int i = Math.max(from, 0); i + 2 < len; i++) {
      if (buf[i + 2] > 1) {
        i += 2;
      } else if (buf[i] == 0 && buf[i + 1] == 0 && buf[i + 2] == 1) {
        return i;
      }
    }
    return -1;
  }
}
