package io.camappliance.recording.mp4;

/**
 * The one H.264 video track of an exported clip.
 *
 * @param avcC the AVCDecoderConfigurationRecord (ISO/IEC 14496-15 §5.2.4.1), as carried in the
 *     Matroska CodecPrivate
 * @param timescale media time units per second (1000: Matroska timecodes are milliseconds)
 */
public record VideoTrack(int width, int height, byte[] avcC, int timescale) {
  public VideoTrack {
    if (width <= 0 || width > 0xFFFF || height <= 0 || height > 0xFFFF) {
      throw new IllegalArgumentException("picture size " + width + "x" + height + " out of range");
    }
    if (avcC.length < 7 || avcC[0] != 1) {
      throw new IllegalArgumentException(
          "avcC of " + avcC.length + " bytes is not an AVCDecoderConfigurationRecord version 1");
    }
    if (timescale <= 0) {
      throw new IllegalArgumentException("timescale " + timescale + " is not positive");
    }
  }
}
