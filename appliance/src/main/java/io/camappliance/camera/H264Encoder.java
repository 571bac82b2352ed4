package io.camappliance.camera;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_CONSTRAINED_BASELINE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_HIGH;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set;

import io.camappliance.media.SourceException;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An H.264 encoder from FFmpeg's avcodec ({@code libopenh264} in software, {@code h264_v4l2m2m} on
 * the Pi's hardware), fed YUV420P pictures, producing Annex-B access units with in-band SPS/PPS and
 * no B-frames. One picture buffer and one packet are reused; each packet is copied into a reused
 * scratch array handed to the caller.
 *
 * <p>Not thread-safe: one thread encodes and then closes.
 */
final class H264Encoder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(H264Encoder.class);

  /** Receives one encoded access unit; {@code data} is only valid during the call. */
  interface PacketHandler {
    void onPacket(byte[] data, int length, long pts);
  }

  private final String name;
  private AVCodecContext ctx;
  private AVFrame frame;
  private AVPacket packet;
  private byte[] scratch = new byte[64 * 1024];

  private H264Encoder(String name, AVCodecContext ctx) {
    this.name = name;
    this.ctx = ctx;
  }

  /**
   * Opens the first encoder of {@code candidates} that opens with these settings.
   *
   * @throws SourceException when none does, naming the encoders tried and their errors
   */
  static H264Encoder open(
      List<String> candidates, int width, int height, int fps, int kbps, int gop, String profile)
      throws SourceException {
    Ffmpeg.quietLogs();
    StringBuilder failures = new StringBuilder();
    for (String name : candidates) {
      AVCodec codec = avcodec_find_encoder_by_name(name);
      if (codec == null || codec.isNull()) {
        failures.append(name).append(": not in this FFmpeg build; ");
        continue;
      }
      AVCodecContext ctx = avcodec_alloc_context3(codec);
      ctx.width(width);
      ctx.height(height);
      ctx.pix_fmt(AV_PIX_FMT_YUV420P);
      ctx.time_base(av_make_q(1, fps));
      ctx.framerate(av_make_q(fps, 1));
      ctx.bit_rate(kbps * 1000L);
      ctx.gop_size(gop);
      ctx.max_b_frames(0);
      ctx.thread_count(1);
      ctx.profile(
          "high".equals(profile) ? AV_PROFILE_H264_HIGH : AV_PROFILE_H264_CONSTRAINED_BASELINE);
      if (name.equals("libopenh264")) {
        // Bitrate mode keeps the size predictable for the uplink; never skip a frame, since
        // downstream counts frames.
        av_opt_set(ctx.priv_data(), "rc_mode", "bitrate", 0);
        av_opt_set(ctx.priv_data(), "allow_skip_frames", "0", 0);
        // openh264 only gives High profile with CABAC; without it, it falls back to Baseline.
        av_opt_set(ctx.priv_data(), "coder", "high".equals(profile) ? "cabac" : "cavlc", 0);
      }
      int ret = avcodec_open2(ctx, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null);
      if (ret < 0) {
        failures.append(name).append(": ").append(Ffmpeg.error(ret)).append("; ");
        avcodec_free_context(ctx);
        continue;
      }
      H264Encoder encoder = new H264Encoder(name, ctx);
      encoder.frame = av_frame_alloc();
      encoder.frame.format(AV_PIX_FMT_YUV420P);
      encoder.frame.width(width);
      encoder.frame.height(height);
      ret = av_frame_get_buffer(encoder.frame, 0);
      if (ret < 0) {
        encoder.close();
        throw new SourceException("cannot allocate a picture buffer: " + Ffmpeg.error(ret));
      }
      encoder.packet = av_packet_alloc();
      log.info(
          "H.264 encoder {} opened: {}x{}@{} {} kbit/s GOP {}",
          name,
          width,
          height,
          fps,
          kbps,
          gop);
      return encoder;
    }
    throw new SourceException(
        "no H.264 encoder could be opened ("
            + failures
            + "); use camera.encoder = libopenh264 or check the FFmpeg libraries");
  }

  String name() {
    return name;
  }

  /** The encoder's out-of-band parameter sets (Annex-B), empty when it only sends them in-band. */
  byte[] extradata() {
    int n = ctx.extradata_size();
    byte[] b = new byte[Math.max(0, n)];
    if (n > 0) {
      ctx.extradata().get(b, 0, n);
    }
    return b;
  }

  /**
   * The picture to fill before {@link #encode}: YUV420P with the planes' own line sizes. Made
   * writable first, in case the encoder still holds a reference to the previous picture.
   */
  AVFrame picture() throws SourceException {
    int ret = av_frame_make_writable(frame);
    if (ret < 0) {
      throw new SourceException("picture buffer not writable: " + Ffmpeg.error(ret));
    }
    return frame;
  }

  /**
   * Encodes the picture filled through {@link #picture()} and hands every packet that comes out to
   * {@code handler}.
   *
   * @param pts the picture's number, in frames; packets carry it back
   * @param forceIdr make this picture an IDR
   */
  void encode(long pts, boolean forceIdr, PacketHandler handler) throws SourceException {
    frame.pts(pts);
    frame.pict_type(forceIdr ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
    int ret = avcodec_send_frame(ctx, frame);
    if (ret < 0) {
      throw new SourceException(name + " rejected a picture: " + Ffmpeg.error(ret));
    }
    drain(handler);
  }

  private void drain(PacketHandler handler) throws SourceException {
    while (true) {
      int ret = avcodec_receive_packet(ctx, packet);
      if (ret == Ffmpeg.EAGAIN || ret == org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF()) {
        return;
      }
      if (ret < 0) {
        throw new SourceException(name + " failed to encode: " + Ffmpeg.error(ret));
      }
      int size = packet.size();
      if (size > scratch.length) {
        scratch = new byte[Math.max(size, scratch.length * 2)];
      }
      BytePointer data = packet.data();
      data.get(scratch, 0, size);
      long pts = packet.pts();
      av_packet_unref(packet);
      handler.onPacket(scratch, size, pts);
    }
  }

  @Override
  public void close() {
    if (packet != null) {
      av_packet_free(packet);
      packet = null;
    }
    if (frame != null) {
      av_frame_free(frame);
      frame = null;
    }
    if (ctx != null) {
      avcodec_free_context(ctx);
      ctx = null;
    }
  }
}
