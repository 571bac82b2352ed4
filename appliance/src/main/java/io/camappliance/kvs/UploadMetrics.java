package io.camappliance.kvs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The uploader's counters. Names follow the KVS CloudWatch metrics where one exists ({@code
 * PutMedia.IncomingBytes}, {@code PutMedia.IncomingFragments}, {@code PutMedia.IncomingFrames},
 * {@code PutMedia.Requests}, {@code PutMedia.ConnectionErrors}, {@code
 * PutMedia.FragmentIngestionLatency}, {@code PutMedia.FragmentPersistLatency}); the rest are ours.
 * Totals only grow. Thread safe: the uploader's thread and the ACK reader threads record, anyone
 * reads.
 */
public final class UploadMetrics {
  final LongAdder bytes = new LongAdder();
  final LongAdder fragments = new LongAdder();
  final LongAdder frames = new LongAdder();
  final LongAdder sessions = new LongAdder();
  final LongAdder backlogSessions = new LongAdder();
  final LongAdder rotations = new LongAdder();
  final LongAdder connectionErrors = new LongAdder();
  final LongAdder staleResets = new LongAdder();
  final LongAdder latencyResets = new LongAdder();
  final LongAdder fragmentsReceived = new LongAdder();
  final LongAdder fragmentsPersisted = new LongAdder();
  final LongAdder backlogFragmentsSent = new LongAdder();
  final LongAdder backlogFragmentsUploaded = new LongAdder();
  final LongAdder backlogMediaMillisUploaded = new LongAdder();
  final AckLatency buffering = new AckLatency();
  final AckLatency received = new AckLatency();
  final AckLatency persisted = new AckLatency();
  private final Map<Integer, LongAdder> errorAcks = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> fragmentsDropped = new ConcurrentHashMap<>();

  void errorAck(int errorId) {
    errorAcks.computeIfAbsent(errorId, k -> new LongAdder()).increment();
  }

  void dropped(String reason, long count) {
    fragmentsDropped.computeIfAbsent(reason, k -> new LongAdder()).add(count);
  }

  public long sessions() {
    return sessions.sum();
  }

  public long rotations() {
    return rotations.sum();
  }

  public long fragmentsReceived() {
    return fragmentsReceived.sum();
  }

  public long backlogFragmentsUploaded() {
    return backlogFragmentsUploaded.sum();
  }

  public long backlogMediaMillisUploaded() {
    return backlogMediaMillisUploaded.sum();
  }

  /** ERROR ACKs received for {@code errorId}. */
  public long errorAcks(int errorId) {
    LongAdder a = errorAcks.get(errorId);
    return a == null ? 0 : a.sum();
  }

  /** The counters as a JSON-ready tree. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("PutMedia.IncomingBytes", bytes.sum());
    m.put("PutMedia.IncomingFragments", fragments.sum());
    m.put("PutMedia.IncomingFrames", frames.sum());
    m.put("PutMedia.Requests", sessions.sum());
    m.put("PutMedia.ConnectionErrors", connectionErrors.sum());
    m.put("PutMedia.BufferingAckLatency", buffering.toMap());
    m.put("PutMedia.FragmentIngestionLatency", received.toMap());
    m.put("PutMedia.FragmentPersistLatency", persisted.toMap());
    Map<String, Long> errors = new TreeMap<>();
    errorAcks.forEach((id, n) -> errors.put(Integer.toString(id), n.sum()));
    m.put("PutMedia.ErrorAcks", errors);
    m.put("fragmentsReceived", fragmentsReceived.sum());
    m.put("fragmentsPersisted", fragmentsPersisted.sum());
    m.put("rotations", rotations.sum());
    m.put("staleConnectionResets", staleResets.sum());
    m.put("latencyPressureResets", latencyResets.sum());
    m.put("backlogSessions", backlogSessions.sum());
    m.put("backlogFragmentsSent", backlogFragmentsSent.sum());
    m.put("backlogFragmentsUploaded", backlogFragmentsUploaded.sum());
    Map<String, Long> drops = new TreeMap<>();
    fragmentsDropped.forEach((r, n) -> drops.put(r, n.sum()));
    m.put("fragmentsDropped", drops);
    return m;
  }
}
