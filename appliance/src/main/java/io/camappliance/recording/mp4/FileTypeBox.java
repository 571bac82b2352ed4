package io.camappliance.recording.mp4;

/**
 * ftyp (ISO/IEC 14496-12 §4.3): major brand {@code isom}, minor version 512, compatible brands
 * {@code isom iso2 avc1 mp41}.
 */
public final class FileTypeBox {
  private FileTypeBox() {}

  public static byte[] bytes() {
    BoxBuffer b = new BoxBuffer();
    int ftyp = b.begin("ftyp");
    b.fourCc("isom").u32(512).fourCc("isom").fourCc("iso2").fourCc("avc1").fourCc("mp41");
    b.end(ftyp);
    return b.toByteArray();
  }
}
