/**
 * Local recording: the packaged (MKV) stream written to segment files, indexed, kept within the
 * retention and size rules of the KVS Edge Agent {@code DeletionConfig}, recovered after a crash,
 * read back for backfill upload and exported as MP4 clips.
 *
 * <p>On disk, one directory holds pairs of files named after the first fragment's timecode:
 *
 * <pre>
 * seg-1700000000000.mkv   EBML header, Segment (unknown size), Info, Tracks, then fragments:
 *                         [Tags] Cluster (unknown size) Timecode Position SimpleBlock...
 * seg-1700000000000.idx   16-byte header, then one 48-byte CRC-checked record per complete
 *                         fragment (offset, length, timecode, duration, frames, sequences)
 * </pre>
 *
 * Entry points: {@link io.camappliance.recording.Recorder} (a {@code PackagedSink}), {@link
 * io.camappliance.recording.RecordingIndex}, {@link io.camappliance.recording.RecordingReader},
 * {@link io.camappliance.recording.ClipExporter} and {@link
 * io.camappliance.recording.RecordingRecovery}.
 */
package io.camappliance.recording;
