package io.camappliance.emulator.admin;

/** Restarts the emulator for the admin API; the emulator implements it. */
public interface RestartHook {
  /** Stops and starts again on the same port, reloading state from disk. */
  void restart();

  /** How many restarts have completed; the admin client waits for it to grow. */
  long restarts();

  /** For servers that cannot restart: does nothing. */
  RestartHook NONE =
      new RestartHook() {
        @Override
        public void restart() {}

        @Override
        public long restarts() {
          return 0;
        }
      };
}
