package io.camappliance.kvs;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.credentials.CredentialsException;
import io.camappliance.credentials.CredentialsException.Kind;
import io.camappliance.emulator.Emulator;
import io.camappliance.emulator.EmulatorSettings;
import io.camappliance.store.StoreLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Without credentials the uploader must say so (WAITING_FOR_CREDENTIALS, with the reason) before it
 * asks the control plane for anything: the control-plane client would otherwise block for them and
 * fail with an unclassified error.
 */
@Timeout(60)
class UploaderCredentialsTest {
  private static final String REFUSED = "the device certificate is REVOKED";

  @TempDir Path dir;

  /** Refuses, as a revoked device certificate does, until {@link #fix()}. */
  private static final class RevokedUntilFixed implements UploadCredentials {
    private final UploadCredentials good = UploadRig.emulatorKeys();
    private volatile boolean fixed;

    void fix() {
      fixed = true;
    }

    @Override
    public AwsCredentialsIdentity current(Duration timeout)
        throws CredentialsException, InterruptedException {
      if (!fixed) {
        throw new CredentialsException(Kind.TLS_REFUSED, REFUSED);
      }
      return good.current(timeout);
    }

    @Override
    public Instant expiration() {
      return fixed ? Instant.MAX : Instant.MIN;
    }

    @Override
    public void renew() {}
  }

  @Test
  void waitsForCredentialsBeforeLookingUpTheStreamAndStartsOnceTheyCome() throws Exception {
    try (Emulator emulator = Emulator.start(EmulatorSettings.defaults(dir))) {
      RevokedUntilFixed credentials = new RevokedUntilFixed();
      UploaderSettings settings =
          UploaderSettings.defaults("cam-credentials", "us-west-2", emulator.endpoint());
      try (UploadRig rig =
          new UploadRig(
              emulator, settings, credentials, new StoreLimits(8 << 20, 60_000, 4096), null)) {
        rig.fragmenter.onFrame(StampedFrames.frame(0, System.currentTimeMillis() * 1000, true));

        await(() -> rig.uploader.state() == UploadState.WAITING_FOR_CREDENTIALS, rig);
        assertThat(rig.uploader.message()).isEqualTo("waiting for credentials: " + REFUSED);
        assertThat(rig.uploader.metrics().toMap())
            .as("no failure counted against the service")
            .containsEntry("PutMedia.ConnectionErrors", 0L);
        assertThat(emulator.streams().byName("cam-credentials")).isEmpty();

        credentials.fix();
        await(() -> rig.uploader.state() == UploadState.STREAMING, rig);
      }
    }
  }

  private static void await(BooleanSupplier condition, UploadRig rig) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached; uploader " + rig.uploader.status());
      }
      Thread.sleep(20);
    }
  }
}
