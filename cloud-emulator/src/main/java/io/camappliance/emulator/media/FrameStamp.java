package io.camappliance.emulator.media;

/**
 * The appliance's per-frame stamp, carried in an H.264 SEI user_data_unregistered message.
 *
 * @param captureMicros capture time, microseconds since the epoch
 * @param sequence the camera's frame sequence number
 */
public record FrameStamp(long captureMicros, long sequence) {}
