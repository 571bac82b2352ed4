package io.camappliance.emulator.putmedia;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Where received fragments wait to be persisted. Open, it persists at once; paused (a fault), it
 * holds them, and their PERSISTED ACKs, until resumed, then persists them in arrival order.
 */
public final class PersistGate {
  private final Queue<Runnable> held = new ArrayDeque<>();
  private boolean paused;

  /** Runs {@code persist} now, or later when the gate is paused. */
  public synchronized void submit(Runnable persist) {
    if (paused) {
      held.add(persist);
    } else {
      persist.run();
    }
  }

  public synchronized void pause() {
    paused = true;
  }

  /** Opens the gate and persists everything held, in order. */
  public synchronized void resume() {
    paused = false;
    Runnable r;
    while ((r = held.poll()) != null) {
      r.run();
    }
  }

  public synchronized boolean isPaused() {
    return paused;
  }

  public synchronized int heldCount() {
    return held.size();
  }
}
