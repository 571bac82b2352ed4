package io.camappliance.emulator.control;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * JSON timestamps of the KVS APIs: epoch seconds as a number with a fraction (botocore {@code
 * unixTimestamp}); written with millisecond precision, e.g. {@code 1551924009.774}.
 */
final class Timestamps {
  private Timestamps() {}

  static BigDecimal toJson(Instant t) {
    return BigDecimal.valueOf(t.toEpochMilli(), 3);
  }
}
