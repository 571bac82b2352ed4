package io.camappliance.store;

import io.camappliance.media.StreamHeader;

/**
 * The stream headers that buffered fragments refer to. Frames keep a header number (one more for
 * each header the store is given); the table keeps the last {@link #SIZE} headers, and the store
 * evicts fragments whose header would fall out of it (a format change every few seconds, which no
 * camera does).
 */
final class HeaderTable {
  static final int SIZE = 8;
  private final StreamHeader[] headers = new StreamHeader[SIZE];
  private long newest = -1;

  /** The number the next added header will get. */
  long nextNumber() {
    return newest + 1;
  }

  long add(StreamHeader header) {
    newest++;
    headers[(int) (newest & (SIZE - 1))] = header;
    return newest;
  }

  /** The newest header's number, or -1 before the first. */
  long newest() {
    return newest;
  }

  StreamHeader get(long number) {
    return number < 0 ? null : headers[(int) (number & (SIZE - 1))];
  }
}
