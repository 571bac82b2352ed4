package io.camappliance.media;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a video stream is: codec, picture size, nominal frame rate and the H.264 parameter sets (SPS
 * and PPS as NAL units, header byte included, emulation prevention kept).
 *
 * <p>A source hands out one instance per configuration; a new instance (not equal to the previous)
 * means the stream changed mid-way, e.g. a resolution change, and downstream starts a new MKV
 * stream header.
 */
public final class VideoFormat {
  private final String codec;
  private final int width;
  private final int height;
  private final int frameRate;
  private final byte[] sps;
  private final byte[] pps;

  public VideoFormat(String codec, int width, int height, int frameRate, byte[] sps, byte[] pps) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "picture size " + width + "x" + height + " is not positive");
    }
    if (frameRate <= 0) {
      throw new IllegalArgumentException("frame rate " + frameRate + " is not positive");
    }
    this.codec = codec;
    this.width = width;
    this.height = height;
    this.frameRate = frameRate;
    this.sps = sps.clone();
    this.pps = pps.clone();
  }

  /** {@code "H264"}: the only codec the appliance streams. */
  public String codec() {
    return codec;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** Nominal frames per second, as configured or as the SPS timing says. */
  public int frameRate() {
    return frameRate;
  }

  /** The sequence parameter set NAL unit (a copy). */
  public byte[] sps() {
    return sps.clone();
  }

  /** The picture parameter set NAL unit (a copy). */
  public byte[] pps() {
    return pps.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VideoFormat f
        && codec.equals(f.codec)
        && width == f.width
        && height == f.height
        && frameRate == f.frameRate
        && Arrays.equals(sps, f.sps)
        && Arrays.equals(pps, f.pps);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sps) * 31 + Arrays.hashCode(pps) + width * 7 + height;
  }

  @Override
  public String toString() {
    return codec
        + " "
        + width
        + "x"
        + height
        + "@"
        + frameRate
        + " sps="
        + HexFormat.of().formatHex(sps);
  }
}
