/**
 * ITU-T H.264 bitstream handling without decoding: splitting and re-framing NAL units, reading
 * parameter sets, and the codec private data of MP4/Matroska tracks.
 *
 * <ul>
 *   <li>{@link io.camappliance.h264.AnnexB}: start-code delimited access units as encoders emit
 *       them; {@code toAvcc} for the muxer (no allocation), {@code problem} to vet untrusted input.
 *   <li>{@link io.camappliance.h264.Avcc}: length-prefixed samples from MP4/MKV files; validated
 *       walking and conversion back to Annex-B for replay.
 *   <li>{@link io.camappliance.h264.AccessUnits}: per-frame questions (IDR? first slice type?) and
 *       SPS/PPS extraction.
 *   <li>{@link io.camappliance.h264.Sps}: profile, level, cropped picture size, frame rate.
 *   <li>{@link io.camappliance.h264.AvcConfigurationRecord}: the {@code avcC} record, built from
 *       SPS and PPS or parsed from a file.
 *   <li>{@link io.camappliance.h264.NalUnitType}, {@link io.camappliance.h264.EmulationPrevention},
 *       {@link io.camappliance.h264.FrameStamp}: the small pieces the others share.
 * </ul>
 *
 * Every parser of untrusted bytes reports malformed input as {@link
 * io.camappliance.h264.H264Exception} (or a {@code problem} string) with the offending values, and
 * has a Jazzer fuzz test.
 */
package io.camappliance.h264;
