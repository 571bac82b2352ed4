package io.camappliance.emulator.media;

import java.time.Instant;

/** What the ingest side knows about a complete fragment when it hands it to the store. */
public record FragmentFacts(
    long fragmentTimecode,
    Instant producerTimestamp,
    Instant serverTimestamp,
    long durationMillis) {}
