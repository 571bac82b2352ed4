package io.camappliance.h264;

/** Receives one NAL unit (header byte first, start code or length prefix excluded) as a slice. */
@FunctionalInterface
public interface NalUnitVisitor {
  void visit(byte[] buf, int off, int len);
}
