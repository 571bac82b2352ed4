package io.camappliance.recording;

import java.nio.file.Path;

/**
 * What {@link ClipExporter#export} wrote.
 *
 * @param startMillis the first frame's timecode (a key frame at or before the requested start)
 * @param endMillis the end of the last frame
 * @param stoppedAtFormatChange true when the range went on past a change of the video format
 *     (resolution or parameter sets), where the clip stops
 */
public record ExportedClip(
    Path file,
    int frames,
    int keyFrames,
    long startMillis,
    long endMillis,
    int width,
    int height,
    boolean stoppedAtFormatChange) {}
