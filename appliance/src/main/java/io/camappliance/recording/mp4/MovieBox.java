package io.camappliance.recording.mp4;

/**
 * moov for a single H.264 track (ISO/IEC 14496-12 §8.2.1), written after mdat once every sample's
 * size and offset is known:
 *
 * <pre>
 * moov
 *   mvhd
 *   trak
 *     tkhd
 *     mdia
 *       mdhd
 *       hdlr (vide)
 *       minf
 *         vmhd
 *         dinf/dref/url
 *         stbl: stsd(avc1/avcC) stts stss stsc stsz stco|co64
 * </pre>
 */
public final class MovieBox {
  private MovieBox() {}

  public static byte[] bytes(VideoTrack track, SampleTable samples) {
    long duration = samples.totalDuration();
    BoxBuffer b = new BoxBuffer();
    int moov = b.begin("moov");
    MovieHeaderBox.write(b, track.timescale(), duration);
    int trak = b.begin("trak");
    TrackHeaderBox.write(b, duration, track.width(), track.height());
    int mdia = b.begin("mdia");
    MediaHeaderBox.write(b, track.timescale(), duration);
    HandlerBox.write(b);
    int minf = b.begin("minf");
    VideoMediaHeaderBox.write(b);
    DataInformationBox.write(b);
    int stbl = b.begin("stbl");
    SampleDescriptionBox.write(b, track);
    TimeToSampleBox.write(b, samples);
    SyncSampleBox.write(b, samples);
    SampleToChunkBox.write(b, samples);
    SampleSizeBox.write(b, samples);
    ChunkOffsetBox.write(b, samples);
    b.end(stbl);
    b.end(minf);
    b.end(mdia);
    b.end(trak);
    b.end(moov);
    return b.toByteArray();
  }
}
