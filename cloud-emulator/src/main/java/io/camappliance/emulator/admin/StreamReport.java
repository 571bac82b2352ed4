package io.camappliance.emulator.admin;

import io.camappliance.emulator.media.FragmentRecord;
import io.camappliance.emulator.media.SequenceRange;
import java.util.ArrayList;
import java.util.List;

/**
 * What a stream received, for tests that count lost and duplicated frames: its fragments, and a
 * summary over the frame stamps' sequence numbers.
 *
 * @param framesStamped frames that carried a stamp (duplicates included)
 * @param distinctSequences distinct sequence numbers seen
 * @param duplicateFrames frames whose sequence number was seen before
 * @param lostFrames sequence numbers missing between the smallest and the largest seen
 * @param duplicateFragments fragments whose producer timestamp was seen before
 */
public record StreamReport(
    String streamName,
    List<FragmentRecord> fragments,
    long framesStamped,
    long distinctSequences,
    long duplicateFrames,
    long lostFrames,
    long firstSequence,
    long lastSequence,
    long duplicateFragments) {

  public static StreamReport of(String streamName, List<FragmentRecord> fragments) {
    List<SequenceRange> all = new ArrayList<>();
    long stamped = 0;
    long dupFragments = 0;
    for (FragmentRecord f : fragments) {
      all.addAll(f.sequences());
      for (SequenceRange r : f.sequences()) {
        stamped += r.count();
      }
      if (f.duplicate()) {
        dupFragments++;
      }
    }
    all.sort((a, b) -> Long.compare(a.first(), b.first()));
    long distinct = 0;
    long first = -1;
    long last = -1;
    long coveredTo = Long.MIN_VALUE;
    for (SequenceRange r : all) {
      if (first < 0) {
        first = r.first();
      }
      long from = Math.max(r.first(), coveredTo == Long.MIN_VALUE ? r.first() : coveredTo + 1);
      if (r.last() >= from) {
        distinct += r.last() - from + 1;
      }
      coveredTo = Math.max(coveredTo, r.last());
      last = coveredTo;
    }
    long lost = first < 0 ? 0 : (last - first + 1) - distinct;
    return new StreamReport(
        streamName,
        fragments,
        stamped,
        distinct,
        stamped - distinct,
        lost,
        first,
        last,
        dupFragments);
  }
}
