package io.camappliance.emulator.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Durable fragment storage: one directory per stream under {@code <dataDir>/fragments/}, one file
 * per fragment holding the service's "chunk" (kvs-data-model §9: the MKV header of its PutMedia
 * session, the Tags before the Cluster, and the Cluster), and an append-only index.
 *
 * <pre>
 * fragments/.fragment-number          reserved fragment-number counter
 * fragments/&lt;stream&gt;/index.jsonl       one JSON line per committed fragment
 * fragments/&lt;stream&gt;/&lt;number&gt;.mkv       the chunk
 * </pre>
 *
 * Timestamps are kept to the millisecond, as the service reports them. A fragment is visible only
 * after its bytes and its index line are forced to disk; a crash leaves at most a temporary file,
 * removed at the next open. Thread-safe.
 */
public final class FragmentStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INDEX = "index.jsonl";

  private final Path root;
  private final FragmentNumbers numbers;
  private final Map<String, List<FragmentRecord>> byStream = new TreeMap<>();
  private final Map<String, Set<Instant>> producerStarts = new HashMap<>();

  private FragmentStore(Path root) throws IOException {
    this.root = root;
    this.numbers = new FragmentNumbers(root.resolve(".fragment-number"));
  }

  /** Opens (creating if needed) the store under {@code dataDir} and loads every index. */
  public static FragmentStore open(Path dataDir) throws IOException {
    Path root = dataDir.resolve("fragments");
    Files.createDirectories(root);
    FragmentStore s = new FragmentStore(root);
    s.load();
    return s;
  }

  private void load() throws IOException {
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        String stream = dir.getFileName().toString();
        try (Stream<Path> files = Files.list(dir)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".tmp")).toList()) {
            Files.deleteIfExists(f);
          }
        }
        Path index = dir.resolve(INDEX);
        if (!Files.exists(index)) {
          continue;
        }
        for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
          if (line.isBlank()) {
            continue;
          }
          FragmentRecord r;
          try {
            r = fromJson(stream, JSON.readTree(line));
          } catch (IOException | RuntimeException e) {
            continue; // a torn last line from a crash mid-append
          }
          if (!Files.exists(dir.resolve(r.fragmentNumber() + ".mkv"))) {
            continue;
          }
          byStream.computeIfAbsent(stream, k -> new ArrayList<>()).add(r);
          producerStarts.computeIfAbsent(stream, k -> new HashSet<>()).add(r.producerTimestamp());
          numbers.observed(r.fragmentNumber());
        }
      }
    }
  }

  /** Reserves the next fragment number. */
  public String nextFragmentNumber() throws IOException {
    return numbers.next();
  }

  /** Starts a fragment of {@code streamName}; its bytes go to a temporary file. */
  public PendingFragment begin(String streamName, String fragmentNumber) throws IOException {
    Path dir = streamDir(streamName);
    Files.createDirectories(dir);
    return new PendingFragment(streamName, fragmentNumber, dir.resolve(fragmentNumber + ".tmp"));
  }

  /**
   * Makes a received fragment durable and visible: forces its bytes, renames it, appends and forces
   * its index line.
   */
  public FragmentRecord commit(PendingFragment p, FragmentFacts facts) throws IOException {
    if (p.isDone()) {
      throw new IllegalStateException(
          "fragment " + p.fragmentNumber + " already committed or dropped");
    }
    p.seal();
    Path dir = streamDir(p.streamName);
    Files.move(p.tempFile, dir.resolve(p.fragmentNumber + ".mkv"), StandardCopyOption.ATOMIC_MOVE);
    synchronized (this) {
      Set<Instant> starts = producerStarts.computeIfAbsent(p.streamName, k -> new HashSet<>());
      boolean duplicate = !starts.add(facts.producerTimestamp().truncatedTo(ChronoUnit.MILLIS));
      FragmentRecord r =
          new FragmentRecord(
              p.streamName,
              p.fragmentNumber,
              facts.fragmentTimecode(),
              facts.producerTimestamp().truncatedTo(ChronoUnit.MILLIS),
              facts.serverTimestamp().truncatedTo(ChronoUnit.MILLIS),
              facts.durationMillis(),
              p.size(),
              p.frameCount(),
              p.sequences().toList(),
              duplicate);
      byte[] line = (JSON.writeValueAsString(toJson(r)) + "\n").getBytes(StandardCharsets.UTF_8);
      try (FileChannel ch =
          FileChannel.open(
              dir.resolve(INDEX),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND)) {
        ByteBuffer b = ByteBuffer.wrap(line);
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.force(true);
      }
      byStream.computeIfAbsent(p.streamName, k -> new ArrayList<>()).add(r);
      return r;
    }
  }

  /** Names of the streams with at least one stored fragment, sorted. */
  public synchronized List<String> streams() {
    return List.copyOf(byStream.keySet());
  }

  /** The stream's fragments in fragment-number (arrival) order. */
  public synchronized List<FragmentRecord> fragments(String streamName) {
    return List.copyOf(byStream.getOrDefault(streamName, List.of()));
  }

  /** Fragments whose producer start timestamp is within {@code [from, to]}, in number order. */
  public List<FragmentRecord> byProducerTime(String streamName, Instant from, Instant to) {
    return fragments(streamName).stream()
        .filter(r -> !r.producerTimestamp().isBefore(from) && !r.producerTimestamp().isAfter(to))
        .toList();
  }

  /** Fragments whose server timestamp is within {@code [from, to]}, in number order. */
  public List<FragmentRecord> byServerTime(String streamName, Instant from, Instant to) {
    return fragments(streamName).stream()
        .filter(r -> !r.serverTimestamp().isBefore(from) && !r.serverTimestamp().isAfter(to))
        .toList();
  }

  public synchronized Optional<FragmentRecord> fragment(String streamName, String fragmentNumber) {
    return byStream.getOrDefault(streamName, List.of()).stream()
        .filter(r -> r.fragmentNumber().equals(fragmentNumber))
        .findFirst();
  }

  /** Opens the stored chunk of a fragment; the caller closes the stream. */
  public InputStream open(FragmentRecord r) throws IOException {
    return Files.newInputStream(streamDir(r.streamName()).resolve(r.fragmentNumber() + ".mkv"));
  }

  /** The stored chunk of a fragment. */
  public byte[] readBytes(FragmentRecord r) throws IOException {
    try (InputStream in = open(r)) {
      return in.readAllBytes();
    }
  }

  private Path streamDir(String streamName) {
    if (streamName.isEmpty()
        || streamName.startsWith(".")
        || !streamName.matches("[a-zA-Z0-9_.-]{1,256}")) {
      throw new IllegalArgumentException("stream name not storable: '" + streamName + "'");
    }
    return root.resolve(streamName);
  }

  private static ObjectNode toJson(FragmentRecord r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("number", r.fragmentNumber());
    o.put("timecode", r.fragmentTimecode());
    o.put("producerMillis", r.producerTimestamp().toEpochMilli());
    o.put("serverMillis", r.serverTimestamp().toEpochMilli());
    o.put("durationMillis", r.durationMillis());
    o.put("size", r.sizeBytes());
    o.put("frames", r.frameCount());
    ArrayNode seq = o.putArray("sequences");
    for (SequenceRange s : r.sequences()) {
      seq.addArray().add(s.first()).add(s.last());
    }
    o.put("duplicate", r.duplicate());
    return o;
  }

  private static FragmentRecord fromJson(String stream, JsonNode o) {
    List<SequenceRange> seq = new ArrayList<>();
    for (JsonNode s : o.path("sequences")) {
      seq.add(new SequenceRange(s.get(0).asLong(), s.get(1).asLong()));
    }
    return new FragmentRecord(
        stream,
        o.get("number").asText(),
        o.get("timecode").asLong(),
        Instant.ofEpochMilli(o.get("producerMillis").asLong()),
        Instant.ofEpochMilli(o.get("serverMillis").asLong()),
        o.get("durationMillis").asLong(),
        o.get("size").asLong(),
        o.get("frames").asInt(),
        List.copyOf(seq),
        o.get("duplicate").asBoolean());
  }
}
