package io.camappliance.emulator.archive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The Tags element the service adds to a chunk on the way out (kvs-data-model §9): one Tags with
 * one Tag holding a SimpleTag per name/value pair.
 *
 * <pre>
 * Tags 12 54 C3 67 [size]
 *   Tag 73 73 [size]
 *     SimpleTag 67 C8 [size]
 *       TagName   45 A3 [size] UTF-8
 *       TagString 44 87 [size] UTF-8
 * </pre>
 *
 * Sizes are written as 8-byte vints ({@code 01 xx xx xx xx xx xx xx}), as the producer SDK does.
 */
final class KvsTags {
  private KvsTags() {}

  static byte[] of(Map<String, String> tags) {
    ByteArrayOutputStream tag = new ByteArrayOutputStream();
    for (Map.Entry<String, String> e : tags.entrySet()) {
      ByteArrayOutputStream simple = new ByteArrayOutputStream();
      element(simple, new byte[] {0x45, (byte) 0xA3}, utf8(e.getKey()));
      element(simple, new byte[] {0x44, (byte) 0x87}, utf8(e.getValue()));
      element(tag, new byte[] {0x67, (byte) 0xC8}, simple.toByteArray());
    }
    ByteArrayOutputStream tagsBody = new ByteArrayOutputStream();
    element(tagsBody, new byte[] {0x73, 0x73}, tag.toByteArray());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    element(out, new byte[] {0x12, 0x54, (byte) 0xC3, 0x67}, tagsBody.toByteArray());
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void element(ByteArrayOutputStream out, byte[] id, byte[] data) {
    out.writeBytes(id);
    out.write(0x01);
    long n = data.length;
    for (int i = 6; i >= 0; i--) {
      out.write((int) (n >>> (8 * i)));
    }
    out.writeBytes(data);
  }
}
