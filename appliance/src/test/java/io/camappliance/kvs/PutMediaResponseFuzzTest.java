package io.camappliance.kvs;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

class PutMediaResponseFuzzTest {

  /**
   * Any response bytes: the head reader and the chunked decoder end with data or an IOException
   * (the classified failure), never another exception or an endless loop.
   */
  @FuzzTest(maxDuration = "10s")
  void headAndChunkedBodyFailOnlyWithIoExceptions(byte[] data) {
    InputStream in = new ByteArrayInputStream(data);
    AckParser acks = new AckParser(a -> {});
    try {
      HttpHead head = HttpHead.read(in);
      head.contentLength();
      ChunkedDecoder body = new ChunkedDecoder(in);
      byte[] buf = new byte[64];
      for (int n; (n = body.read(buf)) >= 0; ) {
        acks.feed(buf, 0, n);
      }
      acks.end();
    } catch (IOException expected) {
      // a classified failure in the connection
    }
  }
}
