package io.camappliance.emulator.streams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.camappliance.emulator.streams.StateFile.ChannelEntry;
import io.camappliance.emulator.streams.StateFile.StreamEntry;
import io.camappliance.emulator.streams.StoreException.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The control plane's state: streams (with their tags) and signaling channels, kept in memory and
 * written to {@code <dir>/state.json} after every change (temporary file, then an atomic move), so
 * a restarted emulator finds them again. Thread-safe: every method holds the store's lock, and
 * readers get immutable snapshots.
 *
 * <p>Creation is synchronous here: a new stream or channel is ACTIVE at once (the service passes
 * through CREATING), and a deleted one is gone at once (the service shows DELETING for a while).
 */
public final class StreamStore implements StreamLookup {
  /** Tags per stream or channel (service quota). */
  public static final int MAX_TAGS = 50;

  /** Longest data retention, 10 years in hours. */
  public static final int MAX_RETENTION_HOURS = 87_600;

  private static final String FILE = "state.json";
  private static final char[] VERSION_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final Path dir;
  private final String region;
  private final String accountId;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Stored> streams = new TreeMap<>();
  private final Map<String, StoredChannel> channels = new TreeMap<>();

  private record Stored(StreamInfo info, Map<String, String> tags) {}

  private record StoredChannel(ChannelInfo info, Map<String, String> tags) {}

  private StreamStore(Path dir, String region, String accountId, Clock clock) {
    this.dir = dir;
    this.region = region;
    this.accountId = accountId;
    this.clock = clock;
  }

  /** Opens the store in {@code dir}, loading what an earlier run left there. */
  public static StreamStore open(Path dir, String region, String accountId, Clock clock)
      throws IOException {
    Files.createDirectories(dir);
    StreamStore s = new StreamStore(dir, region, accountId, clock);
    s.load();
    return s;
  }

  // ---- streams

  /** Creates an ACTIVE stream; {@code kmsKeyId} null means the KVS-managed key. */
  public synchronized StreamInfo createStream(
      String name,
      String deviceName,
      String mediaType,
      String kmsKeyId,
      int dataRetentionInHours,
      Map<String, String> tags) {
    if (streams.containsKey(name)) {
      throw new StoreException(Kind.ALREADY_EXISTS, "The stream " + name + " already exists.");
    }
    if (tags.size() > MAX_TAGS) {
      throw tagLimit(tags.size());
    }
    Instant now = nowMillis();
    StreamInfo info =
        new StreamInfo(
            name,
            Arns.of(region, accountId, "stream", name, now.toEpochMilli()),
            deviceName,
            mediaType,
            kmsKeyId != null
                ? kmsKeyId
                : "arn:aws:kms:" + region + ":" + accountId + ":alias/aws/kinesisvideo",
            newVersion(),
            "ACTIVE",
            now,
            dataRetentionInHours);
    streams.put(name, new Stored(info, new TreeMap<>(tags)));
    save();
    return info;
  }

  @Override
  public synchronized Optional<StreamInfo> byName(String streamName) {
    Stored s = streams.get(streamName);
    return s == null ? Optional.empty() : Optional.of(s.info());
  }

  @Override
  public synchronized Optional<StreamInfo> byArn(String streamArn) {
    return streams.values().stream()
        .map(Stored::info)
        .filter(i -> i.streamArn().equals(streamArn))
        .findFirst();
  }

  /** All streams, ordered by name. */
  public synchronized List<StreamInfo> streams() {
    return streams.values().stream().map(Stored::info).toList();
  }

  /**
   * Deletes a stream.
   *
   * @param currentVersion null skips the version check
   */
  public synchronized void deleteStream(String streamName, String currentVersion) {
    Stored s = stream(streamName);
    checkVersion(s.info().version(), currentVersion, "stream");
    streams.remove(streamName);
    save();
  }

  /** Changes the retention by {@code changeInHours} (negative to decrease); a new version. */
  public synchronized StreamInfo updateDataRetention(
      String streamName, String currentVersion, int changeInHours) {
    Stored s = stream(streamName);
    checkVersion(s.info().version(), currentVersion, "stream");
    long retention = (long) s.info().dataRetentionInHours() + changeInHours;
    if (retention < 0 || retention > MAX_RETENTION_HOURS) {
      throw new StoreException(
          Kind.OUT_OF_RANGE,
          "The resulting data retention of "
              + retention
              + " hours is outside 0 to "
              + MAX_RETENTION_HOURS
              + " hours (currently "
              + s.info().dataRetentionInHours()
              + ").");
    }
    StreamInfo i = s.info();
    return replace(
        s,
        new StreamInfo(
            i.streamName(),
            i.streamArn(),
            i.deviceName(),
            i.mediaType(),
            i.kmsKeyId(),
            newVersion(),
            i.status(),
            i.creationTime(),
            (int) retention));
  }

  /** Sets device name and media type (each only when non-null); a new version. */
  public synchronized StreamInfo updateStream(
      String streamName, String currentVersion, String deviceName, String mediaType) {
    Stored s = stream(streamName);
    checkVersion(s.info().version(), currentVersion, "stream");
    StreamInfo i = s.info();
    return replace(
        s,
        new StreamInfo(
            i.streamName(),
            i.streamArn(),
            deviceName != null ? deviceName : i.deviceName(),
            mediaType != null ? mediaType : i.mediaType(),
            i.kmsKeyId(),
            newVersion(),
            i.status(),
            i.creationTime(),
            i.dataRetentionInHours()));
  }

  /** The stream's tags, ordered by key. */
  public synchronized Map<String, String> streamTags(String streamName) {
    return Collections.unmodifiableMap(new TreeMap<>(stream(streamName).tags()));
  }

  /** Adds or replaces tags; at most {@link #MAX_TAGS} may result. */
  public synchronized void tagStream(String streamName, Map<String, String> tags) {
    Stored s = stream(streamName);
    Map<String, String> merged = new TreeMap<>(s.tags());
    merged.putAll(tags);
    if (merged.size() > MAX_TAGS) {
      throw tagLimit(merged.size());
    }
    streams.put(streamName, new Stored(s.info(), merged));
    save();
  }

  /** Removes tags; keys the stream does not have are ignored. */
  public synchronized void untagStream(String streamName, Collection<String> keys) {
    Stored s = stream(streamName);
    Map<String, String> left = new TreeMap<>(s.tags());
    left.keySet().removeAll(keys);
    streams.put(streamName, new Stored(s.info(), left));
    save();
  }

  // ---- signaling channels

  public synchronized ChannelInfo createChannel(
      String name, String channelType, int messageTtlSeconds, Map<String, String> tags) {
    if (channels.containsKey(name)) {
      throw new StoreException(
          Kind.ALREADY_EXISTS, "The signaling channel " + name + " already exists.");
    }
    if (tags.size() > MAX_TAGS) {
      throw tagLimit(tags.size());
    }
    Instant now = nowMillis();
    ChannelInfo info =
        new ChannelInfo(
            name,
            Arns.of(region, accountId, "channel", name, now.toEpochMilli()),
            channelType,
            "ACTIVE",
            now,
            messageTtlSeconds,
            newVersion());
    channels.put(name, new StoredChannel(info, new TreeMap<>(tags)));
    save();
    return info;
  }

  public synchronized Optional<ChannelInfo> channelByName(String channelName) {
    StoredChannel c = channels.get(channelName);
    return c == null ? Optional.empty() : Optional.of(c.info());
  }

  public synchronized Optional<ChannelInfo> channelByArn(String channelArn) {
    return channels.values().stream()
        .map(StoredChannel::info)
        .filter(i -> i.channelArn().equals(channelArn))
        .findFirst();
  }

  /** All channels, ordered by name. */
  public synchronized List<ChannelInfo> channels() {
    return channels.values().stream().map(StoredChannel::info).toList();
  }

  public synchronized Map<String, String> channelTags(String channelName) {
    StoredChannel c = channels.get(channelName);
    if (c == null) {
      throw channelNotFound();
    }
    return Collections.unmodifiableMap(new TreeMap<>(c.tags()));
  }

  /**
   * @param currentVersion null skips the version check
   */
  public synchronized void deleteChannel(String channelName, String currentVersion) {
    StoredChannel c = channels.get(channelName);
    if (c == null) {
      throw channelNotFound();
    }
    checkVersion(c.info().version(), currentVersion, "channel");
    channels.remove(channelName);
    save();
  }

  // ---- internals

  private Stored stream(String name) {
    Stored s = streams.get(name);
    if (s == null) {
      throw new StoreException(Kind.NOT_FOUND, "The requested stream is not found or not active.");
    }
    return s;
  }

  private static StoreException channelNotFound() {
    return new StoreException(Kind.NOT_FOUND, "The requested channel is not found or not active.");
  }

  private StreamInfo replace(Stored s, StreamInfo updated) {
    streams.put(updated.streamName(), new Stored(updated, s.tags()));
    save();
    return updated;
  }

  private static void checkVersion(String actual, String given, String what) {
    if (given != null && !given.equals(actual)) {
      throw new StoreException(
          Kind.VERSION_MISMATCH,
          "The " + what + " version " + given + " is not the latest version.");
    }
  }

  private static StoreException tagLimit(int count) {
    return new StoreException(
        Kind.TAG_LIMIT,
        "The resource would have " + count + " tags; at most " + MAX_TAGS + " are allowed.");
  }

  private Instant nowMillis() {
    return Instant.ofEpochMilli(clock.millis());
  }

  private String newVersion() {
    char[] v = new char[20];
    for (int i = 0; i < v.length; i++) {
      v[i] = VERSION_ALPHABET[random.nextInt(VERSION_ALPHABET.length)];
    }
    return new String(v);
  }

  private void load() throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return;
    }
    StateFile state = json.readValue(file.toFile(), StateFile.class);
    if (state.streams() != null) {
      for (StreamEntry e : state.streams()) {
        StreamInfo info =
            new StreamInfo(
                e.streamName(),
                e.streamArn(),
                e.deviceName(),
                e.mediaType(),
                e.kmsKeyId(),
                e.version(),
                e.status(),
                Instant.ofEpochMilli(e.creationTimeMillis()),
                e.dataRetentionInHours());
        streams.put(
            e.streamName(),
            new Stored(info, new TreeMap<>(e.tags() == null ? Map.of() : e.tags())));
      }
    }
    if (state.channels() != null) {
      for (ChannelEntry e : state.channels()) {
        ChannelInfo info =
            new ChannelInfo(
                e.channelName(),
                e.channelArn(),
                e.channelType(),
                e.status(),
                Instant.ofEpochMilli(e.creationTimeMillis()),
                e.messageTtlSeconds(),
                e.version());
        channels.put(
            e.channelName(),
            new StoredChannel(info, new TreeMap<>(e.tags() == null ? Map.of() : e.tags())));
      }
    }
  }

  private void save() {
    List<StreamEntry> ss = new ArrayList<>();
    for (Stored s : streams.values()) {
      StreamInfo i = s.info();
      ss.add(
          new StreamEntry(
              i.streamName(),
              i.streamArn(),
              i.deviceName(),
              i.mediaType(),
              i.kmsKeyId(),
              i.version(),
              i.status(),
              i.creationTime().toEpochMilli(),
              i.dataRetentionInHours(),
              s.tags()));
    }
    List<ChannelEntry> cs = new ArrayList<>();
    for (StoredChannel c : channels.values()) {
      ChannelInfo i = c.info();
      cs.add(
          new ChannelEntry(
              i.channelName(),
              i.channelArn(),
              i.channelType(),
              i.status(),
              i.creationTime().toEpochMilli(),
              i.messageTtlSeconds(),
              i.version(),
              c.tags()));
    }
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, FILE, ".tmp");
      json.writeValue(tmp.toFile(), new StateFile(ss, cs));
      Files.move(
          tmp,
          dir.resolve(FILE),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        if (tmp != null) {
          Files.deleteIfExists(tmp);
        }
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new UncheckedIOException("cannot write " + dir.resolve(FILE), e);
    }
  }
}
