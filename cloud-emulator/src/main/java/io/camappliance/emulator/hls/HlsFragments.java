package io.camappliance.emulator.hls;

import io.camappliance.emulator.archive.ArchiveException;
import io.camappliance.emulator.archive.StoredChunk;
import io.camappliance.emulator.media.FragmentRecord;
import io.camappliance.emulator.media.FragmentStore;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fragments an HLS session plays and their fMP4 form: which fragments a playlist lists, the
 * video track of a fragment (checked as the service checks it, kvs-data-model §10), and the media
 * segment of a fragment.
 *
 * <p>Sample times are producer time (the fragment's producer timestamp plus each block's timecode),
 * for every selector type: server timestamps are arrival times and overlap when a producer uploads
 * faster than real time.
 */
final class HlsFragments {
  static final String H264 = "V_MPEG4/ISO/AVC";

  private final FragmentStore store;

  HlsFragments(FragmentStore store) {
    this.store = store;
  }

  /** The fragments a session's media playlist lists now, oldest first. */
  List<FragmentRecord> playlist(HlsSession s) {
    List<FragmentRecord> all = store.fragments(s.streamName());
    List<FragmentRecord> picked;
    if (s.live()) {
      picked = new ArrayList<>(all);
    } else {
      picked = new ArrayList<>();
      for (FragmentRecord r : all) {
        Instant t = s.producerTime() ? r.producerTimestamp() : r.serverTimestamp();
        if (!t.isBefore(s.start()) && (s.end() == null || !t.isAfter(s.end()))) {
          picked.add(r);
        }
      }
    }
    if (s.producerTime()) {
      // Identical producer timestamps: only the highest fragment number stays (API reference C-A4).
      Map<Instant, FragmentRecord> byStart = new LinkedHashMap<>();
      for (FragmentRecord r : picked) {
        byStart.remove(r.producerTimestamp());
        byStart.put(r.producerTimestamp(), r);
      }
      picked = new ArrayList<>(byStart.values());
    }
    picked.sort(
        (a, b) ->
            s.producerTime()
                ? a.producerTimestamp().compareTo(b.producerTimestamp())
                : a.serverTimestamp().compareTo(b.serverTimestamp()));
    int n = Math.min(s.maxFragments(), picked.size());
    return s.live() ? picked.subList(picked.size() - n, picked.size()) : picked.subList(0, n);
  }

  StoredChunk chunk(FragmentRecord r) throws IOException {
    return StoredChunk.parse(store.readBytes(r));
  }

  /**
   * The H.264 track of a fragment.
   *
   * @throws ArchiveException UnsupportedStreamMediaTypeException (track 1 not H.264),
   *     MissingCodecPrivateDataException, InvalidCodecPrivateDataException
   */
  static VideoTrack videoTrack(StoredChunk chunk) {
    StoredChunk.Track t =
        chunk.tracks().stream()
            .filter(x -> x.number() == 1)
            .findFirst()
            .orElseThrow(
                () ->
                    new ArchiveException(
                        400, "UnsupportedStreamMediaTypeException", "The stream has no track 1."));
    if (!t.codecId().equals(H264)) {
      throw new ArchiveException(
          400,
          "UnsupportedStreamMediaTypeException",
          "Track 1 has codec " + t.codecId() + "; HLS here plays " + H264 + ".");
    }
    if (t.codecPrivate().length == 0) {
      throw new ArchiveException(
          400, "MissingCodecPrivateDataException", "Track 1 has no codec private data.");
    }
    if (!VideoTrack.isAvcConfiguration(t.codecPrivate())) {
      throw new ArchiveException(
          400,
          "InvalidCodecPrivateDataException",
          "Track 1's codec private data of "
              + t.codecPrivate().length
              + " bytes is not an AVCDecoderConfigurationRecord.");
    }
    return new VideoTrack(t.width(), t.height(), t.codecPrivate());
  }

  /** The fMP4 media segment of a fragment. */
  static byte[] mediaSegment(FragmentRecord r, StoredChunk chunk, long sequenceNumber) {
    long video = 1;
    List<StoredChunk.Block> blocks =
        chunk.blocks().stream().filter(b -> b.track() == video).toList();
    long scale = chunk.timecodeScaleNanos();
    List<MediaSegment.Sample> samples = new ArrayList<>();
    long fragmentNanos = r.durationMillis() * 1_000_000L;
    long previous = 0;
    for (int i = 0; i < blocks.size(); i++) {
      long t = blocks.get(i).relativeTimecode() * scale;
      long next;
      if (i + 1 < blocks.size()) {
        next = blocks.get(i + 1).relativeTimecode() * scale;
      } else {
        next = fragmentNanos > t ? fragmentNanos : t + previous;
      }
      long durationNanos = Math.max(0, next - t);
      previous = durationNanos;
      samples.add(
          new MediaSegment.Sample(ticks(durationNanos), blocks.get(i).key(), blocks.get(i).data()));
    }
    long base = r.producerTimestamp().toEpochMilli() * (VideoTrack.TIMESCALE / 1000);
    if (!blocks.isEmpty()) {
      base += ticks(blocks.get(0).relativeTimecode() * scale);
    }
    return MediaSegment.of(sequenceNumber, base, samples);
  }

  private static long ticks(long nanos) {
    return nanos * VideoTrack.TIMESCALE / 1_000_000_000L;
  }
}
