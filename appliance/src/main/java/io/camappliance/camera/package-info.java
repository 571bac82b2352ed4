/**
 * Video sources: each turns a camera, a file or a synthetic picture into {@link
 * io.camappliance.media.EncodedFrame}s, one H.264 access unit in Annex-B per frame.
 *
 * <p>Start from {@link io.camappliance.camera.VideoSources#open(CameraOptions)}, which builds the
 * source a {@link io.camappliance.camera.CameraOptions} names ({@code auto} is resolved by {@link
 * io.camappliance.camera.SourceSelector}). Every source hands out frames that
 *
 * <ul>
 *   <li>are numbered from 0 by one, with PTS = DTS in epoch microseconds on a monotonic clock
 *       anchored to the wall clock once at start (no B-frames);
 *   <li>carry our {@link io.camappliance.h264.FrameStamp} SEI right before the first slice;
 *   <li>carry SPS and PPS in-band on every IDR, and share one {@link
 *       io.camappliance.media.VideoFormat} instance until the parameter sets change.
 * </ul>
 *
 * This is the only package that uses FFmpeg (through the bytedeco presets); nothing of FFmpeg
 * appears in its public API.
 */
package io.camappliance.camera;
