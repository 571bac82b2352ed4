package io.camappliance.camera;

import java.util.Arrays;

/**
 * Paints the test pattern into YUV420P planes: colour bars scrolling left, a white box bouncing
 * across them, and a black band with the capture time (UTC, {@code HH:MM:SS.mmm}) and the frame
 * number in large digits. The planes are allocated once; painting allocates nothing.
 */
final class TestPicture {
  // BT.601 limited-range YUV of the classic bars: white, yellow, cyan, green, magenta, red, blue,
  // black.
  private static final int[] BAR_Y = {235, 210, 170, 145, 106, 81, 41, 16};
  private static final int[] BAR_U = {128, 16, 166, 54, 202, 90, 240, 128};
  private static final int[] BAR_V = {128, 146, 16, 34, 222, 240, 110, 128};
  private static final int TEXT_COLUMNS = 13; // "HH:MM:SS.mmm" plus a margin

  final int width;
  final int height;
  final byte[] y;
  final byte[] u;
  final byte[] v;
  private final int scale;
  private final char[] text = new char[20];
  private final boolean noise;
  private long seed = 0x9E3779B97F4A7C15L;

  /**
   * @param noise paint the bottom quarter with fresh noise every frame: an encoder cannot predict
   *     it, so it spends its whole bitrate there (benchmarks of the upload at a given bitrate)
   */
  TestPicture(int width, int height, boolean noise) {
    this.width = width;
    this.height = height;
    this.noise = noise;
    this.y = new byte[width * height];
    this.u = new byte[(width / 2) * (height / 2)];
    this.v = new byte[(width / 2) * (height / 2)];
    this.scale = Math.max(1, Math.min(height / 60, width / ((DigitFont.WIDTH + 1) * TEXT_COLUMNS)));
  }

  /** Paints frame {@code frameNumber} captured at {@code epochMicros}. */
  void paint(long frameNumber, long epochMicros) {
    paintBars(frameNumber);
    paintBox(frameNumber);
    if (noise) {
      paintNoise();
    }
    int charW = (DigitFont.WIDTH + 1) * scale;
    int lineH = (DigitFont.HEIGHT + 2) * scale;
    int x0 = 2 * scale;
    int y0 = 2 * scale;
    fillRect(
        0, 0, Math.min(width, x0 + TEXT_COLUMNS * charW), Math.min(height, y0 + 2 * lineH), 16);
    int n = formatTime(epochMicros);
    drawText(n, x0, y0);
    n = formatFrameNumber(frameNumber);
    drawText(n, x0, y0 + lineH);
  }

  private void paintBars(long frameNumber) {
    int shift = (int) ((frameNumber * 4) % width);
    for (int x = 0; x < width; x++) {
      int bar = ((x + shift) % width) * BAR_Y.length / width;
      y[x] = (byte) BAR_Y[bar];
    }
    for (int row = 1; row < height; row++) {
      System.arraycopy(y, 0, y, row * width, width);
    }
    int cw = width / 2;
    for (int x = 0; x < cw; x++) {
      int bar = ((2 * x + shift) % width) * BAR_Y.length / width;
      u[x] = (byte) BAR_U[bar];
      v[x] = (byte) BAR_V[bar];
    }
    for (int row = 1; row < height / 2; row++) {
      System.arraycopy(u, 0, u, row * cw, cw);
      System.arraycopy(v, 0, v, row * cw, cw);
    }
  }

  private void paintBox(long frameNumber) {
    int size = Math.max(2, height / 6) & ~1;
    int spanX = Math.max(1, width - size);
    int spanY = Math.max(1, height - size);
    int x = bounce(frameNumber * 3, spanX) & ~1;
    int yy = bounce(frameNumber * 2, spanY) & ~1;
    fillRect(x, yy, x + size, yy + size, 235);
  }

  /**
   * Fills the bottom quarter with 8x8 blocks of random mid grey (64 levels), new every frame: the
   * encoder then spends about the bitrate it is given (measured with libopenh264: 4.0 Mbit/s at
   * 1080p30 asked for 4000 kbit/s, 2.0 at 720p30 for 2000), where pixel noise would overshoot
   * several times and the plain pattern needs a fraction.
   */
  private void paintNoise() {
    long x = seed;
    int top = (height - height / 4) & ~7;
    for (int by = top; by + 8 <= height; by += 8) {
      for (int bx = 0; bx + 8 <= width; bx += 8) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        byte luma = (byte) (96 + (x & 0x3F));
        for (int row = by; row < by + 8; row++) {
          Arrays.fill(y, row * width + bx, row * width + bx + 8, luma);
        }
      }
    }
    seed = x;
  }

  /** A triangle wave from 0 to {@code span} and back. */
  private static int bounce(long t, int span) {
    int p = (int) (t % (2L * span));
    return p <= span ? p : 2 * span - p;
  }

  /** Fills [x0,x1)x[y0,y1) with grey level {@code luma} and neutral chroma. */
  private void fillRect(int x0, int y0, int x1, int y1, int luma) {
    x1 = Math.min(x1, width);
    y1 = Math.min(y1, height);
    for (int row = y0; row < y1; row++) {
      Arrays.fill(y, row * width + x0, row * width + x1, (byte) luma);
    }
    int cw = width / 2;
    for (int row = y0 / 2; row < (y1 + 1) / 2 && row < height / 2; row++) {
      Arrays.fill(u, row * cw + x0 / 2, row * cw + Math.min(cw, (x1 + 1) / 2), (byte) 128);
      Arrays.fill(v, row * cw + x0 / 2, row * cw + Math.min(cw, (x1 + 1) / 2), (byte) 128);
    }
  }

  private void drawText(int count, int x0, int y0) {
    for (int i = 0; i < count; i++) {
      int[] rows = DigitFont.glyph(text[i]);
      int cx = x0 + i * (DigitFont.WIDTH + 1) * scale;
      for (int gy = 0; gy < DigitFont.HEIGHT; gy++) {
        for (int gx = 0; gx < DigitFont.WIDTH; gx++) {
          if ((rows[gy] & (0x10 >> gx)) != 0) {
            int px = cx + gx * scale;
            int py = y0 + gy * scale;
            for (int r = py; r < Math.min(py + scale, height); r++) {
              int from = r * width + Math.min(px, width);
              Arrays.fill(y, from, r * width + Math.min(px + scale, width), (byte) 235);
            }
          }
        }
      }
    }
  }

  /** Writes {@code HH:MM:SS.mmm} (UTC) into {@link #text}; returns its length. */
  private int formatTime(long epochMicros) {
    long ms = Math.floorMod(epochMicros / 1000, 86_400_000L);
    put2(0, (int) (ms / 3_600_000));
    text[2] = ':';
    put2(3, (int) (ms / 60_000 % 60));
    text[5] = ':';
    put2(6, (int) (ms / 1000 % 60));
    text[8] = '.';
    int milli = (int) (ms % 1000);
    text[9] = (char) ('0' + milli / 100);
    text[10] = (char) ('0' + milli / 10 % 10);
    text[11] = (char) ('0' + milli % 10);
    return 12;
  }

  private void put2(int at, int value) {
    text[at] = (char) ('0' + value / 10);
    text[at + 1] = (char) ('0' + value % 10);
  }

  /** Writes {@code #N} into {@link #text}; returns its length. */
  private int formatFrameNumber(long n) {
    int digits = 1;
    for (long t = n; t >= 10; t /= 10) {
      digits++;
    }
    digits = Math.min(digits, text.length - 1);
    text[0] = '#';
    long t = n;
    for (int i = digits; i >= 1; i--) {
      text[i] = (char) ('0' + t % 10);
      t /= 10;
    }
    return digits + 1;
  }
}
