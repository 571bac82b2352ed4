package io.camappliance.camera;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import io.camappliance.media.SourceException;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;

/**
 * Reads the packets of one video stream from a file or device with FFmpeg's avformat. One packet
 * and one copy buffer are reused; the packet stays referenced until the next {@link #read()}.
 */
final class Demuxer implements AutoCloseable {
  private static final AVRational MICROS = av_make_q(1, 1_000_000);

  private AVFormatContext ctx;
  private AVPacket packet;
  private final int stream;
  private final AVRational timeBase;
  private final AVCodecParameters par;
  private byte[] data = new byte[256 * 1024];
  private int size;

  private Demuxer(AVFormatContext ctx, int stream) {
    this.ctx = ctx;
    this.stream = stream;
    AVStream st = ctx.streams(stream);
    this.timeBase = st.time_base();
    this.par = st.codecpar();
    this.packet = av_packet_alloc();
  }

  /**
   * Opens {@code url} and picks its best video stream.
   *
   * @param format an input format name such as {@code video4linux2}, or null to probe
   * @param what how errors name the input, e.g. "file /x.mp4" or "device /dev/video0"
   */
  static Demuxer open(String url, String format, Map<String, String> options, String what)
      throws SourceException {
    Ffmpeg.quietLogs();
    AVInputFormat fmt = null;
    if (format != null) {
      fmt = av_find_input_format(format);
      if (fmt == null || fmt.isNull()) {
        throw new SourceException(
            "FFmpeg input format " + format + " is missing from this build; cannot open " + what);
      }
    }
    AVDictionary dict = new AVDictionary(null);
    options.forEach((k, v) -> av_dict_set(dict, k, v, 0));
    AVFormatContext ctx = new AVFormatContext(null);
    int ret = avformat_open_input(ctx, url, fmt, dict);
    av_dict_free(dict);
    if (ret < 0) {
      throw new SourceException("cannot open " + what + ": " + Ffmpeg.error(ret));
    }
    ret = avformat_find_stream_info(ctx, (org.bytedeco.javacpp.PointerPointer<?>) null);
    if (ret < 0) {
      avformat_close_input(ctx);
      throw new SourceException("cannot read the streams of " + what + ": " + Ffmpeg.error(ret));
    }
    int stream =
        av_find_best_stream(
            ctx, AVMEDIA_TYPE_VIDEO, -1, -1, (org.bytedeco.ffmpeg.avcodec.AVCodec) null, 0);
    if (stream < 0) {
      avformat_close_input(ctx);
      throw new SourceException(what + " has no video stream");
    }
    return new Demuxer(ctx, stream);
  }

  /**
   * The container format FFmpeg detected, e.g. {@code h264}, {@code mov,mp4,...}, {@code
   * matroska,webm}.
   */
  String formatName() {
    return ctx.iformat().name().getString();
  }

  int codecId() {
    return par.codec_id();
  }

  boolean isH264() {
    return par.codec_id() == avcodec.AV_CODEC_ID_H264;
  }

  int width() {
    return par.width();
  }

  int height() {
    return par.height();
  }

  /** The codec's out-of-band setup (avcC for MP4/Matroska, Annex-B sets for raw H.264). */
  byte[] extradata() {
    int n = par.extradata_size();
    byte[] b = new byte[Math.max(0, n)];
    if (n > 0) {
      par.extradata().get(b, 0, n);
    }
    return b;
  }

  /**
   * The stream's frame rate, or 0 when unknown: the rate the codec declares (the SPS timing info),
   * else the container's average. A raw H.264 stream's average is the demuxer's default guess.
   */
  double frameRate() {
    AVStream st = ctx.streams(stream);
    double declared = rate(par.framerate());
    double real = rate(st.r_frame_rate());
    double average = rate(st.avg_frame_rate());
    return declared > 0 ? declared : average > 0 ? average : real;
  }

  private static double rate(AVRational r) {
    return r.num() > 0 && r.den() > 0 ? (double) r.num() / r.den() : 0;
  }

  AVCodecParameters parameters() {
    return par;
  }

  /**
   * Reads the next packet of the video stream into {@link #data()}.
   *
   * @return its size, or -1 at the end of the input
   * @throws SourceException on a read error other than the end
   */
  int read() throws SourceException {
    av_packet_unref(packet);
    while (true) {
      int ret = av_read_frame(ctx, packet);
      if (ret == org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF()) {
        return -1;
      }
      if (ret < 0) {
        throw new SourceException("read failed: " + Ffmpeg.error(ret));
      }
      if (packet.stream_index() != stream) {
        av_packet_unref(packet);
        continue;
      }
      size = packet.size();
      if (size > data.length) {
        data = new byte[Math.max(size, data.length * 2)];
      }
      if (size > 0) {
        packet.data().get(data, 0, size);
      }
      return size;
    }
  }

  byte[] data() {
    return data;
  }

  /** The packet just read (for decoding); valid until the next {@link #read()}. */
  AVPacket packet() {
    return packet;
  }

  /**
   * The packet's decode time (or else its presentation time) in microseconds, or {@link
   * Long#MIN_VALUE} when it has neither (raw H.264 carries no timestamps).
   */
  long timestampMicros() {
    long ts = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
    return ts == AV_NOPTS_VALUE ? Long.MIN_VALUE : av_rescale_q(ts, timeBase, MICROS);
  }

  @Override
  public void close() {
    if (packet != null) {
      av_packet_free(packet);
      packet = null;
    }
    if (ctx != null) {
      avformat_close_input(ctx);
      ctx = null;
    }
  }
}
