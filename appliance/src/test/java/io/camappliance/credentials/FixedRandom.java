package io.camappliance.credentials;

import java.util.Random;

/** A Random whose nextDouble is always the same value: jitter at a known point of its range. */
final class FixedRandom extends Random {
  private static final long serialVersionUID = 1L;
  private final double value;

  FixedRandom(double value) {
    this.value = value;
  }

  @Override
  public double nextDouble() {
    return value;
  }
}
