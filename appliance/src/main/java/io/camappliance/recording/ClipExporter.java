package io.camappliance.recording;

import io.camappliance.mkv.EbmlElement;
import io.camappliance.mkv.EbmlReader;
import io.camappliance.mkv.MkvIds;
import io.camappliance.recording.mp4.FileTypeBox;
import io.camappliance.recording.mp4.MediaDataBox;
import io.camappliance.recording.mp4.MovieBox;
import io.camappliance.recording.mp4.SampleTable;
import io.camappliance.recording.mp4.VideoTrack;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exports a time range of the recording as a progressive MP4 (ISO/IEC 14496-12, H.264 per ISO/IEC
 * 14496-15) by remuxing: the SimpleBlock payloads are already AVCC (4-byte length-prefixed NAL
 * units), which is what an MP4 sample is, and the Matroska CodecPrivate is the avcC record. Nothing
 * is decoded or re-encoded.
 *
 * <p>The clip starts at the fragment containing {@code fromMillis}, so its first frame is that
 * fragment's IDR, and ends with the last frame starting before {@code toMillis}. Should the video
 * format change inside the range (a new stream header with other parameter sets or another size),
 * the clip stops at the change: one MP4 track has one sample description here. Sample durations are
 * the differences of the frame timecodes (timescale 1000; decode order equals presentation order
 * since the appliance encodes without B-frames).
 *
 * <p>Layout: {@code ftyp, mdat (one chunk per fragment), moov}. The file is written next to the
 * target and moved into place, so a reader never sees half a clip.
 */
public final class ClipExporter {
  private static final String AVC_CODEC_ID = "V_MPEG4/ISO/AVC";

  private final RecordingIndex index;
  private final RecordingReader reader;

  public ClipExporter(RecordingIndex index) {
    this.index = index;
    this.reader = new RecordingReader(index);
  }

  /** One frame to copy: where its AVCC bytes are inside the fragment. */
  private record Sample(int fragment, int offsetInFragment, int size, long timecode, boolean key) {}

  /** The video track as a segment header declares it. */
  private record Track(long number, int width, int height, byte[] avcC) {
    boolean sameFormat(Track o) {
      return number == o.number
          && width == o.width
          && height == o.height
          && Arrays.equals(avcC, o.avcC);
    }
  }

  /**
   * Writes [fromMillis, toMillis) to {@code mp4}.
   *
   * @throws IOException when nothing is recorded in the range, or the files cannot be read
   */
  public ExportedClip export(long fromMillis, long toMillis, Path mp4) throws IOException {
    if (toMillis <= fromMillis) {
      throw new IllegalArgumentException(
          "export range [" + fromMillis + ", " + toMillis + ") is empty");
    }
    List<RecordedFragment> fragments = index.fragments(fromMillis, toMillis);
    if (fragments.isEmpty()) {
      throw new IOException(
          "nothing recorded in ["
              + fromMillis
              + ", "
              + toMillis
              + "); recorded: "
              + index.ranges());
    }
    Track track = track(reader.header(fragments.get(0)));
    List<RecordedFragment> used = new ArrayList<>();
    List<Sample> samples = new ArrayList<>();
    boolean formatChanged = false;
    Path lastSegment = fragments.get(0).segment();
    for (RecordedFragment f : fragments) {
      if (!f.segment().equals(lastSegment)) {
        lastSegment = f.segment();
        if (!track(reader.header(f)).sameFormat(track)) {
          formatChanged = true;
          break;
        }
      }
      used.add(f);
      collectSamples(used.size() - 1, reader.read(f), track.number(), toMillis, samples);
    }
    while (!samples.isEmpty() && !samples.get(0).key()) {
      samples.remove(0); // a clip must open on a key frame
    }
    if (samples.isEmpty()) {
      throw new IOException(
          "no key frame recorded in [" + fromMillis + ", " + toMillis + ") to start a clip at");
    }
    long end = Math.min(used.get(samples.get(samples.size() - 1).fragment()).endMillis(), toMillis);
    end = Math.max(end, samples.get(samples.size() - 1).timecode() + 1);
    int keys = write(mp4, track, used, samples, end);
    return new ExportedClip(
        mp4,
        samples.size(),
        keys,
        samples.get(0).timecode(),
        end,
        track.width(),
        track.height(),
        formatChanged);
  }

  private int write(
      Path mp4, Track track, List<RecordedFragment> used, List<Sample> samples, long endMillis)
      throws IOException {
    long payload = 0;
    for (Sample s : samples) {
      payload += s.size();
    }
    Path tmp = mp4.resolveSibling(mp4.getFileName() + ".part");
    SampleTable table = new SampleTable();
    int keys = 0;
    try (FileChannel out =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      writeAll(out, ByteBuffer.wrap(FileTypeBox.bytes()));
      writeAll(out, ByteBuffer.wrap(MediaDataBox.header(payload)));
      int currentFragment = -1;
      byte[] bytes = null;
      for (int i = 0; i < samples.size(); i++) {
        Sample s = samples.get(i);
        if (s.fragment() != currentFragment) {
          currentFragment = s.fragment();
          bytes = reader.read(used.get(currentFragment));
          table.addChunk(out.position());
        }
        long next = i + 1 < samples.size() ? samples.get(i + 1).timecode() : endMillis;
        int duration = (int) Math.max(1, Math.min(Integer.MAX_VALUE, next - s.timecode()));
        table.addSample(s.size(), duration, s.key());
        keys += s.key() ? 1 : 0;
        writeAll(out, ByteBuffer.wrap(bytes, s.offsetInFragment(), s.size()));
      }
      writeAll(
          out,
          ByteBuffer.wrap(
              MovieBox.bytes(
                  new VideoTrack(track.width(), track.height(), track.avcC(), 1000), table)));
      out.force(false);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, mp4, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return keys;
  }

  /** Adds the fragment's video SimpleBlocks that start before {@code toMillis}. */
  private static void collectSamples(
      int fragment, byte[] bytes, long trackNumber, long toMillis, List<Sample> out)
      throws IOException {
    EbmlReader r = EbmlReader.of(bytes);
    long[] clusterTimecode = {Long.MIN_VALUE};
    r.scan(
        0,
        (e, depth) -> {
          if (e.id() == MkvIds.TIMECODE && depth == 2) {
            clusterTimecode[0] = r.readUnsigned(e);
          } else if (e.id() == MkvIds.SIMPLE_BLOCK) {
            EbmlReader.SimpleBlockHeader h = r.readSimpleBlockHeader(e);
            if (h.trackNumber() != trackNumber) {
              return;
            }
            if ((h.flags() & EbmlReader.SimpleBlockHeader.LACING) != 0) {
              throw new IOException(
                  "SimpleBlock at "
                      + e.offset()
                      + " uses lacing (flags 0x"
                      + Integer.toHexString(h.flags())
                      + "), which the recorder never writes");
            }
            if (clusterTimecode[0] == Long.MIN_VALUE) {
              throw new IOException(
                  "SimpleBlock at " + e.offset() + " before any Cluster Timecode");
            }
            long tc = clusterTimecode[0] + h.relativeTimecode();
            if (tc < toMillis) {
              out.add(
                  new Sample(
                      fragment,
                      (int) (e.dataOffset() + h.length()),
                      (int) (e.size() - h.length()),
                      tc,
                      h.keyframe()));
            }
          }
        });
  }

  /** Reads the first video track of a stream header: number, size, CodecPrivate (avcC). */
  private static Track track(byte[] header) throws IOException {
    EbmlReader r = EbmlReader.of(header);
    EbmlElement[] tracks = {null};
    r.scan(
        0,
        (e, depth) -> {
          if (e.id() == MkvIds.TRACKS && tracks[0] == null) {
            tracks[0] = e;
          }
        });
    if (tracks[0] == null) {
      throw new IOException("stream header of " + header.length + " bytes has no Tracks");
    }
    long pos = tracks[0].dataOffset();
    while (pos < tracks[0].end()) {
      EbmlElement entry = r.readElement(pos);
      pos = entry.end();
      if (entry.id() != MkvIds.TRACK_ENTRY) {
        continue;
      }
      EbmlElement type = r.findChild(entry, MkvIds.TRACK_TYPE);
      if (type != null && r.readUnsigned(type) != 1) {
        continue; // not video
      }
      EbmlElement codec = r.findChild(entry, MkvIds.CODEC_ID);
      String codecId = codec == null ? "" : r.readString(codec);
      if (!AVC_CODEC_ID.equals(codecId)) {
        throw new IOException(
            "video track codec '" + codecId + "' cannot be exported, only " + AVC_CODEC_ID);
      }
      EbmlElement number = r.findChild(entry, MkvIds.TRACK_NUMBER);
      EbmlElement cp = r.findChild(entry, MkvIds.CODEC_PRIVATE);
      EbmlElement video = r.findChild(entry, MkvIds.VIDEO);
      if (number == null || cp == null || video == null) {
        throw new IOException(
            "video TrackEntry at " + entry.offset() + " lacks TrackNumber, CodecPrivate or Video");
      }
      EbmlElement w = r.findChild(video, MkvIds.PIXEL_WIDTH);
      EbmlElement h = r.findChild(video, MkvIds.PIXEL_HEIGHT);
      if (w == null || h == null) {
        throw new IOException("Video at " + video.offset() + " lacks PixelWidth or PixelHeight");
      }
      return new Track(
          r.readUnsigned(number),
          (int) r.readUnsigned(w),
          (int) r.readUnsigned(h),
          r.readBytes(cp));
    }
    throw new IOException("stream header has no H.264 video track");
  }

  private static void writeAll(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }
}
