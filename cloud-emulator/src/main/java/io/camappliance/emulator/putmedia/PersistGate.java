package io.camappliance.emulator.putmedia;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Where received fragments wait to be persisted. Open, it persists at once; paused (a fault), it
 * holds them, and their PERSISTED ACKs, until resumed, then persists them in arrival order.
 */
public final class PersistGate {
  private record Held(Runnable persist, Runnable drop) {}

  private final Queue<Held> held = new ArrayDeque<>();
  private boolean paused;

  /**
   * Runs {@code persist} now, or later when the gate is paused; {@code drop} instead if the held
   * fragment is lost to a restart.
   */
  public synchronized void submit(Runnable persist, Runnable drop) {
    if (paused) {
      held.add(new Held(persist, drop));
    } else {
      persist.run();
    }
  }

  /** Forgets every held fragment, as a crash would; the gate stays as it was. */
  public synchronized void dropHeld() {
    Held h;
    while ((h = held.poll()) != null) {
      h.drop().run();
    }
  }

  public synchronized void pause() {
    paused = true;
  }

  /** Opens the gate and persists everything held, in order. */
  public synchronized void resume() {
    paused = false;
    Held h;
    while ((h = held.poll()) != null) {
      h.persist().run();
    }
  }

  public synchronized boolean isPaused() {
    return paused;
  }

  public synchronized int heldCount() {
    return held.size();
  }
}
