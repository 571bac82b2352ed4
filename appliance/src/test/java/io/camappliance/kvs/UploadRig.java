package io.camappliance.kvs;

import io.camappliance.emulator.Emulator;
import io.camappliance.emulator.admin.AdminClient;
import io.camappliance.emulator.admin.StreamReport;
import io.camappliance.mkv.FragmentMetadata;
import io.camappliance.mkv.Fragmenter;
import io.camappliance.mkv.FragmenterSettings;
import io.camappliance.store.Backlog;
import io.camappliance.store.ContentStore;
import io.camappliance.store.StoreLimits;
import io.camappliance.store.TrimPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The upload half of the appliance for tests: fragmenter → content store → uploader → the real
 * emulator, fed by {@link StampedFrames}.
 */
final class UploadRig implements AutoCloseable {
  final ContentStore store;
  final Fragmenter fragmenter;
  final Uploader uploader;
  final ControlPlane controlPlane;
  final String stream;

  UploadRig(
      Emulator emulator,
      UploaderSettings settings,
      UploadCredentials credentials,
      StoreLimits limits,
      Backlog backlog) {
    this.stream = settings.streamName();
    this.store =
        new ContentStore(limits, TrimPolicy.forRetentionHours(settings.retentionHours()), backlog);
    this.fragmenter =
        new Fragmenter(
            FragmenterSettings.DEFAULTS, new FragmentMetadata(), () -> false, List.of(store));
    this.controlPlane =
        ControlPlane.create(
            settings.region(), settings.controlEndpoint(), credentials.asProvider());
    this.uploader =
        Uploader.start(
            settings, store, backlog, controlPlane, credentials, PutMediaConnector.standard());
  }

  static UploadCredentials emulatorKeys() {
    return UploadCredentials.fixed(
        io.camappliance.emulator.EmulatorSettings.DEFAULT_ACCESS_KEY_ID,
        io.camappliance.emulator.EmulatorSettings.DEFAULT_SECRET_ACCESS_KEY,
        null);
  }

  /** Waits until every frame the store took was sent (the last fragment waits for its end). */
  void awaitSent(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (store.stats().unsentFrames() == 0 && store.stats().fragments() <= 1) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "the store still holds "
            + store.stats()
            + " after "
            + timeout
            + "; uploader "
            + uploader.status());
  }

  static StreamReport report(Emulator emulator, String stream) throws IOException {
    return new AdminClient(emulator.endpoint()).stream(stream);
  }

  @Override
  public void close() {
    uploader.close();
    controlPlane.close();
    store.close();
  }
}
