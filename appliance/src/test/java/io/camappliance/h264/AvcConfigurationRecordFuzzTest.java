package io.camappliance.h264;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Codec private data comes from MKV and MP4 files: parsing either fails with {@link H264Exception}
 * or gives a record that writes out and parses back to the same bytes.
 */
class AvcConfigurationRecordFuzzTest {

  @FuzzTest
  void parsesAnyRecordOrSaysWhy(byte[] input) throws H264Exception {
    AvcConfigurationRecord record;
    try {
      record = AvcConfigurationRecord.parse(input);
    } catch (H264Exception e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    assertThat(record.sps()).isNotEmpty();
    assertThat(record.pps()).isNotEmpty();
    assertThat(record.lengthSize()).isIn(1, 2, 4);
    byte[] written = record.toBytes();
    assertThat(written).hasSize(record.size());
    AvcConfigurationRecord again = AvcConfigurationRecord.parse(written);
    assertThat(again.toBytes()).isEqualTo(written);
    assertThat(again.sps())
        .usingElementComparator(java.util.Arrays::compare)
        .isEqualTo(record.sps());
  }
}
