package io.camappliance.ice;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A session handler that keeps what it is told. */
final class RecordingHandler implements IceSession.Handler {
  final BlockingQueue<byte[]> packets = new LinkedBlockingQueue<>();
  final List<InetSocketAddress> selections = new CopyOnWriteArrayList<>();
  final BlockingQueue<String> timeouts = new LinkedBlockingQueue<>();

  @Override
  public void onPacket(byte[] buf, int off, int len) {
    packets.add(Arrays.copyOfRange(buf, off, off + len));
  }

  @Override
  public void onSelected(InetSocketAddress remote) {
    selections.add(remote);
  }

  @Override
  public void onTimeout(String reason) {
    timeouts.add(reason);
  }

  byte[] nextPacket() throws InterruptedException {
    byte[] p = packets.poll(5, TimeUnit.SECONDS);
    if (p == null) {
      throw new AssertionError("no packet within 5 s");
    }
    return p;
  }
}
