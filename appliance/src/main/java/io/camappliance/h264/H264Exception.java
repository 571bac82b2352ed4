package io.camappliance.h264;

/**
 * A malformed or unsupported H.264 structure: a truncated SPS, a field out of its range, a bad AVCC
 * length. The message names the structure, the field and the offending values.
 *
 * <p>Checked on purpose: every caller of a parser of untrusted bytes (a camera, a file being
 * replayed, a record from an MKV track) has to decide what a bad stream means for it — skip the
 * frame, restart the encoder, reject the file — and the compiler makes sure it does.
 */
public final class H264Exception extends Exception {
  public H264Exception(String message) {
    super(message);
  }
}
