package io.camappliance.mkv;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fragment metadata: name/value pairs the fragmenter writes as MKV Tags immediately before the
 * Cluster of the fragment they belong to (KVS data model §7).
 *
 * <ul>
 *   <li>Non-persistent items go to the next fragment only; the same name may appear several times.
 *   <li>Persistent items go to every following fragment; putting a persistent name again replaces
 *       its value, and an empty value removes it.
 *   <li>At most 10 items per fragment, names of 1 to 128 bytes, values of at most 256 bytes, and no
 *       name may start with {@code AWS} (reserved for the service; the SDK checks the 3-character
 *       prefix, so we do too).
 * </ul>
 *
 * Each item is written as its own {@code Tags > Tag > SimpleTag > (TagName, TagString)} chain with
 * 8-byte sizes, the layout the producer SDK writes. Stream events ({@link StreamEvent}) are the one
 * place an {@code AWS_KINESISVIDEO_} name is written: the event's own tag, its image prefix, then
 * its custom pairs, under one Tag. Thread-safe: other components add metadata while the fragmenter
 * drains it.
 */
public final class FragmentMetadata {
  public static final int MAX_ITEMS_PER_FRAGMENT = 10;
  public static final int MAX_NAME_BYTES = 128;
  public static final int MAX_VALUE_BYTES = 256;

  private static final int SIZE_WIDTH = 8;

  private final Map<String, String> persistent = new LinkedHashMap<>();
  private final List<String[]> pending = new ArrayList<>();
  private final Map<StreamEvent, Map<String, String>> events =
      new java.util.EnumMap<>(StreamEvent.class);

  /**
   * Adds an item.
   *
   * @throws IllegalArgumentException naming the limit the item breaks
   */
  public synchronized void put(String name, String value, boolean persistentItem) {
    checkPair(name, value);
    if (persistentItem) {
      if (value.isEmpty()) {
        persistent.remove(name);
        return;
      }
      if (!persistent.containsKey(name)) {
        checkRoom();
      }
      persistent.put(name, value);
    } else {
      checkRoom();
      pending.add(new String[] {name, value});
    }
  }

  /**
   * Marks the next fragment with a stream event (KVS data model §8), written as one {@code Tags >
   * Tag} holding the event's mandatory tag, the image prefix (image generation only, may be empty)
   * and the custom pairs. The same event twice before the next fragment is refused, as the producer
   * SDK refuses it.
   *
   * @throws IllegalArgumentException naming the limit the event breaks
   */
  public synchronized void putEvent(
      StreamEvent event, String imagePrefix, Map<String, String> custom) {
    if (events.containsKey(event)) {
      throw new IllegalArgumentException(event + " is already marked for the next fragment");
    }
    if (custom.size() > StreamEvent.MAX_CUSTOM_PAIRS) {
      throw new IllegalArgumentException(
          event
              + " carries "
              + custom.size()
              + " custom pairs; at most "
              + StreamEvent.MAX_CUSTOM_PAIRS);
    }
    if (!imagePrefix.isEmpty() && event != StreamEvent.IMAGE_GENERATION) {
      throw new IllegalArgumentException("only IMAGE_GENERATION takes an image prefix");
    }
    int prefixBytes = imagePrefix.getBytes(StandardCharsets.UTF_8).length;
    if (prefixBytes > MAX_VALUE_BYTES || imagePrefix.startsWith("AWS")) {
      throw new IllegalArgumentException(
          "image prefix '"
              + imagePrefix
              + "' must be at most "
              + MAX_VALUE_BYTES
              + " bytes and not start with AWS");
    }
    for (Map.Entry<String, String> e : custom.entrySet()) {
      checkPair(e.getKey(), e.getValue());
    }
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(event.tagName(), "");
    if (!imagePrefix.isEmpty()) {
      tags.put(StreamEvent.IMAGE_PREFIX_TAG, imagePrefix);
    }
    tags.putAll(custom);
    events.put(event, tags);
  }

  private static void checkPair(String name, String value) {
    int nameBytes = name.getBytes(StandardCharsets.UTF_8).length;
    int valueBytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (nameBytes == 0 || nameBytes > MAX_NAME_BYTES) {
      throw new IllegalArgumentException(
          "metadata name '"
              + name
              + "' is "
              + nameBytes
              + " bytes; allowed 1 to "
              + MAX_NAME_BYTES);
    }
    if (valueBytes > MAX_VALUE_BYTES) {
      throw new IllegalArgumentException(
          "metadata value for '"
              + name
              + "' is "
              + valueBytes
              + " bytes; at most "
              + MAX_VALUE_BYTES);
    }
    if (name.startsWith("AWS")) {
      throw new IllegalArgumentException(
          "metadata name '" + name + "' starts with AWS, which Kinesis Video Streams reserves");
    }
  }

  private void checkRoom() {
    if (persistent.size() + pending.size() >= MAX_ITEMS_PER_FRAGMENT) {
      throw new IllegalArgumentException(
          "a fragment carries at most "
              + MAX_ITEMS_PER_FRAGMENT
              + " metadata items; "
              + persistent.size()
              + " persistent and "
              + pending.size()
              + " pending are already set");
    }
  }

  /** Whether the next fragment carries any tags (cheap check on the per-fragment path). */
  public synchronized boolean isEmpty() {
    return persistent.isEmpty() && pending.isEmpty() && events.isEmpty();
  }

  /** The bytes {@link #writeForNextFragment} would write now. */
  public synchronized int size() {
    int size = 0;
    for (Map.Entry<String, String> e : persistent.entrySet()) {
      size += chainSize(e.getKey(), e.getValue());
    }
    for (String[] item : pending) {
      size += chainSize(item[0], item[1]);
    }
    for (Map<String, String> tags : events.values()) {
      size += 4 + SIZE_WIDTH + 2 + SIZE_WIDTH;
      for (Map.Entry<String, String> e : tags.entrySet()) {
        size += simpleTagSize(e.getKey(), e.getValue());
      }
    }
    return size;
  }

  /** Writes the tags of the fragment that starts now and forgets the non-persistent ones. */
  public synchronized void writeForNextFragment(ByteBuffer dst) {
    for (Map.Entry<String, String> e : persistent.entrySet()) {
      writeChain(dst, e.getKey(), e.getValue());
    }
    for (String[] item : pending) {
      writeChain(dst, item[0], item[1]);
    }
    pending.clear();
    for (Map<String, String> tags : events.values()) {
      int tagsPos = EbmlWriter.startMaster(dst, MkvIds.TAGS, SIZE_WIDTH);
      int tagPos = EbmlWriter.startMaster(dst, MkvIds.TAG, SIZE_WIDTH);
      for (Map.Entry<String, String> e : tags.entrySet()) {
        writeSimpleTag(dst, e.getKey(), e.getValue());
      }
      EbmlWriter.endMaster(dst, tagPos, SIZE_WIDTH);
      EbmlWriter.endMaster(dst, tagsPos, SIZE_WIDTH);
    }
    events.clear();
  }

  /** Tags (4-byte ID) > Tag (2) > SimpleTag, each master with an 8-byte size. */
  private static int chainSize(String name, String value) {
    return 4 + SIZE_WIDTH + 2 + SIZE_WIDTH + simpleTagSize(name, value);
  }

  private static int simpleTagSize(String name, String value) {
    int n = name.getBytes(StandardCharsets.UTF_8).length;
    int v = value.getBytes(StandardCharsets.UTF_8).length;
    return 2 + SIZE_WIDTH + (2 + EbmlWriter.sizeLength(n) + n) + (2 + EbmlWriter.sizeLength(v) + v);
  }

  private static void writeChain(ByteBuffer dst, String name, String value) {
    int tags = EbmlWriter.startMaster(dst, MkvIds.TAGS, SIZE_WIDTH);
    int tag = EbmlWriter.startMaster(dst, MkvIds.TAG, SIZE_WIDTH);
    writeSimpleTag(dst, name, value);
    EbmlWriter.endMaster(dst, tag, SIZE_WIDTH);
    EbmlWriter.endMaster(dst, tags, SIZE_WIDTH);
  }

  private static void writeSimpleTag(ByteBuffer dst, String name, String value) {
    int simple = EbmlWriter.startMaster(dst, MkvIds.SIMPLE_TAG, SIZE_WIDTH);
    EbmlWriter.writeString(dst, MkvIds.TAG_NAME, name);
    EbmlWriter.writeString(dst, MkvIds.TAG_STRING, value);
    EbmlWriter.endMaster(dst, simple, SIZE_WIDTH);
  }
}
