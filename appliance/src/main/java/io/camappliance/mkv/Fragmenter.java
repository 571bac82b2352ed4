package io.camappliance.mkv;

import io.camappliance.h264.AnnexB;
import io.camappliance.h264.AvcConfigurationRecord;
import io.camappliance.h264.H264Exception;
import io.camappliance.h264.NalUnitType;
import io.camappliance.media.EncodedFrame;
import io.camappliance.media.FrameSink;
import io.camappliance.media.PackagedFrame;
import io.camappliance.media.PackagedSink;
import io.camappliance.media.StreamHeader;
import io.camappliance.media.VideoFormat;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KVS fragmenter: packages H.264 access units into the MKV stream a KVS producer writes (KVS
 * data model §1, §2, §6). Each fragment is one Cluster that starts at an IDR frame, with an
 * absolute epoch-millisecond Timecode; frames are SimpleBlocks with a signed 16-bit timecode
 * relative to the Cluster, the keyframe flag, and AVCC (length-prefixed) NAL units.
 *
 * <pre>
 * fragment-start frame:  [Tags ...] Cluster(size unknown) { Timecode(8 bytes) Position(0) } SimpleBlock
 * any other frame:       SimpleBlock
 * SimpleBlock:           A3 size | 0x81 (track 1) | int16 relative timecode | flags (0x80 key) | AVCC
 * </pre>
 *
 * A new {@link StreamHeader} is written when the format (SPS/PPS, resolution) changes; the next
 * fragment then starts at the next IDR. Runs on one thread (the hub's hand-off for this consumer);
 * steady state allocates nothing per frame.
 */
public final class Fragmenter implements FrameSink {
  private static final Logger log = LoggerFactory.getLogger(Fragmenter.class);

  /**
   * Access unit delimiters and filler carry nothing a KVS consumer needs; SEI (our frame stamp),
   * SPS and PPS stay in the frames.
   */
  private static final int DROPPED_NAL_TYPES = NalUnitType.DROP_AUD_AND_FILLER;

  private static final int SIMPLE_BLOCK_HEADER = 4; // track vint, int16 timecode, flags
  private static final int CLUSTER_HEADER = 4 + 1 + (1 + 1 + 8) + (1 + 1 + 1);

  private final FragmenterSettings settings;
  private final PackagedSink[] sinks;
  private final BooleanSupplier keyframeRequest;
  private final FragmentMetadata metadata;
  private final SecureRandom random = new SecureRandom();
  private final PackagedFrame out = new PackagedFrame();
  private ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);

  private VideoFormat format;
  private StreamHeader header;
  private boolean fragmentOpen;
  private long fragmentStartMillis;
  private long lastTimecodeMillis = Long.MIN_VALUE;
  private boolean keyframeRequested;
  private boolean ended;

  private volatile long fragments;
  private volatile long frames;
  private volatile long bytes;
  private volatile long headers;
  private volatile long droppedWaitingForIdr;
  private volatile long droppedEmpty;
  private volatile long closedWithoutIdr;
  private volatile long keyframeRequests;
  private volatile long timestampsAdjusted;
  private volatile long lastFragmentMillis;

  /**
   * @param keyframeRequest asks the source for an IDR; returns whether it can
   * @param sinks the consumers of the packaged stream, called in order on this thread
   */
  public Fragmenter(
      FragmenterSettings settings,
      FragmentMetadata metadata,
      BooleanSupplier keyframeRequest,
      List<? extends PackagedSink> sinks) {
    this.settings = settings;
    this.metadata = metadata;
    this.keyframeRequest = keyframeRequest;
    this.sinks = sinks.toArray(new PackagedSink[0]);
  }

  @Override
  public void onFrame(EncodedFrame frame) {
    if (ended) {
      return;
    }
    VideoFormat f = frame.format();
    if (f != format && !f.equals(format)) {
      if (!frame.keyframe()) {
        dropWaitingForIdr();
        return;
      }
      startHeader(f);
    }
    int payload = AnnexB.avccSize(frame.data(), 0, frame.length(), DROPPED_NAL_TYPES);
    if (payload == 0) {
      droppedEmpty++;
      log.warn("dropped {}: it holds no NAL unit", frame);
      return;
    }

    long timecode = frame.ptsMicros() / 1000;
    if (timecode <= lastTimecodeMillis) {
      timecode = lastTimecodeMillis + 1;
      timestampsAdjusted++;
    }

    boolean startsFragment;
    if (!fragmentOpen) {
      if (!frame.keyframe()) {
        dropWaitingForIdr();
        return;
      }
      startsFragment = true;
    } else {
      long age = timecode - fragmentStartMillis;
      startsFragment = frame.keyframe() && age >= settings.minFragmentMillis();
      if (!startsFragment && age >= settings.maxFragmentMillis()) {
        if (age >= settings.maxFragmentMillis() + settings.idrGraceMillis()) {
          closedWithoutIdr++;
          fragmentOpen = false;
          lastFragmentMillis = age;
          log.warn(
              "closed the fragment at {} after {} ms without an IDR frame; dropping frames until"
                  + " the next IDR",
              fragmentStartMillis,
              age);
          dropWaitingForIdr();
          return;
        }
        if (!keyframeRequested) {
          keyframeRequested = true;
          requestKeyframe();
        }
      }
    }

    int size = SIMPLE_BLOCK_HEADER + payload;
    int need = 9 + size + (startsFragment ? CLUSTER_HEADER + metadata.size() : 0);
    if (buffer.capacity() < need) {
      buffer = ByteBuffer.allocate(Math.max(need, buffer.capacity() * 2));
    }
    buffer.clear();
    if (startsFragment) {
      if (fragmentOpen) {
        lastFragmentMillis = timecode - fragmentStartMillis;
      }
      fragmentOpen = true;
      fragmentStartMillis = timecode;
      keyframeRequested = false;
      fragments++;
      if (!metadata.isEmpty()) {
        metadata.writeForNextFragment(buffer);
      }
      EbmlWriter.writeUnknownSizeHeader(buffer, MkvIds.CLUSTER);
      EbmlWriter.writeUintFixed(buffer, MkvIds.TIMECODE, timecode, 8);
      EbmlWriter.writeUint(buffer, MkvIds.POSITION, 0);
    }
    long relative = timecode - fragmentStartMillis;
    EbmlWriter.writeHeader(buffer, MkvIds.SIMPLE_BLOCK, size);
    buffer.put((byte) (0x80 | SegmentHeaderWriter.TRACK_NUMBER));
    buffer.putShort((short) relative);
    buffer.put((byte) (frame.keyframe() ? 0x80 : 0x00));
    AnnexB.toAvcc(frame.data(), 0, frame.length(), buffer, DROPPED_NAL_TYPES);
    buffer.flip();

    lastTimecodeMillis = timecode;
    frames++;
    bytes += buffer.remaining();
    out.set(
        buffer,
        startsFragment,
        fragmentStartMillis,
        timecode,
        1000L / f.frameRate(),
        frame.sequence(),
        frame.captureEpochMicros(),
        header);
    for (PackagedSink sink : sinks) {
      buffer.rewind();
      sink.onFrame(out);
    }
  }

  private void startHeader(VideoFormat f) {
    byte[] uid = new byte[16];
    random.nextBytes(uid);
    byte[] avcC;
    try {
      avcC = AvcConfigurationRecord.of(f.sps(), f.pps()).toBytes();
    } catch (H264Exception e) {
      // The source built the format from parameter sets it parsed; a bad one is a source bug.
      throw new IllegalArgumentException(
          "cannot build CodecPrivate for " + f + ": " + e.getMessage(), e);
    }
    if (format != null) {
      log.info("stream format changed from {} to {}: starting a new MKV stream header", format, f);
    }
    format = f;
    header = SegmentHeaderWriter.write(headers, f, uid, avcC);
    headers++;
    bytes += header.bytes().length;
    if (fragmentOpen) {
      lastFragmentMillis = lastTimecodeMillis + 1000L / format.frameRate() - fragmentStartMillis;
    }
    fragmentOpen = false;
    for (PackagedSink sink : sinks) {
      sink.onHeader(header);
    }
  }

  private void dropWaitingForIdr() {
    droppedWaitingForIdr++;
    if (!keyframeRequested) {
      keyframeRequested = true;
      requestKeyframe();
    }
  }

  private void requestKeyframe() {
    keyframeRequests++;
    if (!keyframeRequest.getAsBoolean()) {
      log.debug("the source cannot produce an IDR on request; waiting for the next one");
    }
  }

  /** Ends the stream: the last fragment is complete. Idempotent. */
  public void end() {
    if (ended) {
      return;
    }
    ended = true;
    if (fragmentOpen) {
      lastFragmentMillis = lastTimecodeMillis + 1000L / format.frameRate() - fragmentStartMillis;
    }
    for (PackagedSink sink : sinks) {
      sink.onEnd();
    }
  }

  /** The current header, or null before the first frame. */
  public StreamHeader header() {
    return header;
  }

  public FragmenterStats stats() {
    return new FragmenterStats(
        fragments,
        frames,
        bytes,
        headers,
        droppedWaitingForIdr,
        droppedEmpty,
        closedWithoutIdr,
        keyframeRequests,
        timestampsAdjusted,
        lastFragmentMillis);
  }
}
