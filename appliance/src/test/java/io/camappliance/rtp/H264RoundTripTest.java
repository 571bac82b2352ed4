package io.camappliance.rtp;

import static io.camappliance.rtp.AccessUnit.AUD;
import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.h264.EmulationPrevention;
import io.camappliance.h264.FrameStamp;
import io.camappliance.h264.NalUnitType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random access units through the packetizer and back through a strict depacketizer: the NAL units
 * that come out are the ones that went in, byte for byte, minus delimiters and filler, with the
 * parameter sets in front of every IDR.
 */
class H264RoundTripTest {

  @ParameterizedTest
  @ValueSource(ints = {3, 7, 100, 1200, 1400})
  void depacketizesToTheSameNalUnitsForRandomAccessUnits(int budget) {
    Random random = new Random(budget);
    H264Packetizer packetizer = new H264Packetizer(96, 0xCAFEL, 65_500, 12345, budget);
    H264Depacketizer depacketizer = new H264Depacketizer();
    byte[] sps = rbspNal(random, 0x67, 20);
    byte[] pps = rbspNal(random, 0x68, 5);
    packetizer.parameterSets(sps, pps);

    for (int frame = 0; frame < 60; frame++) {
      boolean idr = frame % 15 == 0;
      List<byte[]> in = new ArrayList<>();
      List<byte[]> expected = new ArrayList<>();
      if (random.nextBoolean()) {
        in.add(AUD);
      }
      if (idr) {
        if (random.nextBoolean()) {
          sps = rbspNal(random, 0x67, 10 + random.nextInt(20));
          pps = rbspNal(random, 0x68, 4 + random.nextInt(4));
          in.add(sps);
          in.add(pps);
        }
        expected.add(sps);
        expected.add(pps);
      }
      byte[] sei = new FrameStamp(random.nextLong(), frame).toNalUnit();
      in.add(sei);
      expected.add(sei);
      int slices = 1 + random.nextInt(4);
      for (int s = 0; s < slices; s++) {
        int header = (random.nextInt(4) << 5) | (idr ? NalUnitType.IDR : NalUnitType.SLICE);
        byte[] slice = rbspNal(random, header, 1 + random.nextInt(idr ? 20_000 : 4_000));
        in.add(slice);
        expected.add(slice);
      }
      if (random.nextInt(4) == 0) {
        in.add(rbspNal(random, 0x0c, 1 + random.nextInt(50))); // filler
      }
      byte[] au = AccessUnit.of(in.toArray(byte[][]::new));
      long pts = 1_700_000_000_000_000L + frame * 33_333L;

      CollectingSink sink = new CollectingSink();
      packetizer.packetize(au, 0, au.length, pts, sink);

      for (int i = 0; i < sink.size(); i++) {
        byte[] packet = sink.get(i);
        assertThat(packet.length).isLessThanOrEqualTo(RtpHeader.SIZE + budget);
        assertThat(RtpHeader.timestamp(packet, 0))
            .isEqualTo(packetizer.timestampAt(pts) & 0xFFFF_FFFFL);
        assertThat(depacketizer.add(packet)).isEqualTo(i == sink.size() - 1);
      }
      List<byte[]> out = depacketizer.take();
      assertThat(out).hasSameSizeAs(expected);
      for (int n = 0; n < expected.size(); n++) {
        assertThat(out.get(n)).as("frame %d NAL %d", frame, n).isEqualTo(expected.get(n));
      }
    }
  }

  /** A NAL unit with a random escaped payload ending in the RBSP stop bit. */
  private static byte[] rbspNal(Random random, int header, int rbspSize) {
    byte[] rbsp = new byte[rbspSize];
    random.nextBytes(rbsp);
    rbsp[rbspSize - 1] = (byte) 0x80;
    byte[] nal = new byte[1 + EmulationPrevention.escapedSize(rbsp, 0, rbspSize)];
    nal[0] = (byte) header;
    EmulationPrevention.escape(rbsp, 0, rbspSize, nal, 1);
    return nal;
  }
}
