package io.camappliance.emulator.media;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Hands out fragment numbers: 47-digit decimal strings like the service's, increasing across the
 * whole emulator and across restarts. Numbers are reserved on disk in blocks, so a restart skips
 * the unused rest of a block but never reuses a number. Equal length keeps string order equal to
 * numeric order.
 *
 * <pre>
 * 91343852333181432390000000000000000000000000017
 * |---- fixed 19-digit prefix ---|--- 28-digit counter ---|
 * </pre>
 */
final class FragmentNumbers {
  private static final String PREFIX = "9134385233318143239";
  private static final int COUNTER_DIGITS = 28;
  private static final long BLOCK = 1000;

  private final Path file;
  private long next;
  private long reservedUpTo;

  FragmentNumbers(Path file) throws IOException {
    this.file = file;
    long start = 1;
    if (Files.exists(file)) {
      String s = Files.readString(file, StandardCharsets.US_ASCII).trim();
      start = Long.parseLong(s);
    }
    next = start;
    reservedUpTo = start;
  }

  synchronized String next() throws IOException {
    if (next >= reservedUpTo) {
      reserve(next + BLOCK);
    }
    return format(next++);
  }

  /** Makes sure no number at or below {@code counter} is handed out again. */
  synchronized void observed(String number) throws IOException {
    long c = counterOf(number);
    if (c >= next) {
      next = c + 1;
    }
  }

  private void reserve(long upTo) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, Long.toString(upTo), StandardCharsets.US_ASCII);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    reservedUpTo = upTo;
  }

  static String format(long counter) {
    String c = Long.toString(counter);
    return PREFIX + "0".repeat(COUNTER_DIGITS - c.length()) + c;
  }

  static long counterOf(String number) {
    if (number.length() != PREFIX.length() + COUNTER_DIGITS || !number.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a fragment number of this emulator: " + number);
    }
    return new BigInteger(number.substring(PREFIX.length())).longValueExact();
  }
}
