package io.camappliance.camera;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import io.camappliance.media.SourceException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;

/**
 * Turns a camera's raw or MJPEG pictures into H.264: decode (rawvideo, mjpeg, ...), convert to
 * YUV420P at the encoder's size with swscale, encode with {@link H264Encoder}. Pictures, the scaler
 * and the encoder's buffers are reused.
 */
final class Transcoder implements AutoCloseable {
  private final H264Encoder encoder;
  private final int width;
  private final int height;
  private AVCodecContext decoder;
  private AVFrame decoded;
  private SwsContext scaler;
  private long pictures;

  Transcoder(AVCodecParameters input, H264Encoder encoder, int width, int height, String what)
      throws SourceException {
    this.encoder = encoder;
    this.width = width;
    this.height = height;
    AVCodec codec = avcodec_find_decoder(input.codec_id());
    if (codec == null || codec.isNull()) {
      throw new SourceException(
          what + " delivers codec id " + input.codec_id() + ", which this FFmpeg cannot decode");
    }
    decoder = avcodec_alloc_context3(codec);
    int ret = avcodec_parameters_to_context(decoder, input);
    if (ret >= 0) {
      ret = avcodec_open2(decoder, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null);
    }
    if (ret < 0) {
      close();
      throw new SourceException(
          "cannot decode " + what + " (" + codec.name().getString() + "): " + Ffmpeg.error(ret));
    }
    decoded = av_frame_alloc();
  }

  /**
   * Decodes one packet and encodes every picture that comes out of it.
   *
   * @param captureSlot called with each picture's number before it is encoded, so the caller can
   *     remember when it was captured
   */
  void push(
      AVPacket packet,
      boolean forceIdr,
      java.util.function.LongConsumer captureSlot,
      H264Encoder.PacketHandler handler)
      throws SourceException {
    int ret = avcodec_send_packet(decoder, packet);
    if (ret < 0) {
      throw new SourceException("decoder rejected a picture: " + Ffmpeg.error(ret));
    }
    while ((ret = avcodec_receive_frame(decoder, decoded)) >= 0) {
      scaler =
          sws_getCachedContext(
              scaler,
              decoded.width(),
              decoded.height(),
              decoded.format(),
              width,
              height,
              AV_PIX_FMT_YUV420P,
              SWS_BILINEAR,
              null,
              null,
              (DoublePointer) null);
      if (scaler == null || scaler.isNull()) {
        throw new SourceException(
            "cannot convert pixel format " + decoded.format() + " to YUV420P");
      }
      AVFrame picture = encoder.picture();
      sws_scale(
          scaler,
          decoded.data(),
          decoded.linesize(),
          0,
          decoded.height(),
          picture.data(),
          picture.linesize());
      av_frame_unref(decoded);
      long n = pictures++;
      captureSlot.accept(n);
      encoder.encode(n, forceIdr, handler);
      forceIdr = false;
    }
    if (ret != Ffmpeg.EAGAIN && ret != org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF()) {
      throw new SourceException("decoding failed: " + Ffmpeg.error(ret));
    }
  }

  /** The encoder's out-of-band parameter sets (Annex-B), possibly empty. */
  byte[] extradata() {
    return encoder.extradata();
  }

  @Override
  public void close() {
    if (scaler != null) {
      sws_freeContext(scaler);
      scaler = null;
    }
    if (decoded != null) {
      av_frame_free(decoded);
      decoded = null;
    }
    if (decoder != null) {
      avcodec_free_context(decoder);
      decoder = null;
    }
    encoder.close();
  }
}
