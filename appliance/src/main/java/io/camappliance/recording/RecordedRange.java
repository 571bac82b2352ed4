package io.camappliance.recording;

/** A stretch of time covered by recorded fragments without a gap, in epoch ms [start, end). */
public record RecordedRange(long startMillis, long endMillis) {}
