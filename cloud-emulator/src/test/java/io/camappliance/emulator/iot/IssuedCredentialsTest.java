package io.camappliance.emulator.iot;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.emulator.auth.SigningCredential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssuedCredentialsTest {
  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.750Z");

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("issued-credentials.json");
  }

  private static Clock at(Instant t) {
    return Clock.fixed(t, ZoneOffset.UTC);
  }

  @Test
  void issuesStsShapedSessionCredentialsWithWholeSecondExpiry() throws Exception {
    IssuedCredentials c = IssuedCredentials.open(file(), at(T0));
    SigningCredential s = c.issue("cam-1", Duration.ofMinutes(15));
    assertThat(s.accessKeyId()).matches("ASIA[A-Z2-7]{16}");
    assertThat(s.secretAccessKey()).hasSize(40);
    assertThat(s.sessionToken()).hasSizeGreaterThan(100);
    assertThat(s.isSession()).isTrue();
    assertThat(s.thingName()).isEqualTo("cam-1");
    assertThat(s.expiration()).isEqualTo(Instant.parse("2026-11-21T10:15:00Z"));
    assertThat(c.find(s.accessKeyId())).contains(s);
    assertThat(c.find("ASIAUNKNOWN")).isEmpty();
  }

  @Test
  void reopeningFindsTheSameCredentialsAndTheFileIsOwnerOnly() throws Exception {
    SigningCredential s =
        IssuedCredentials.open(file(), at(T0)).issue("cam-1", Duration.ofHours(1));
    assertThat(IssuedCredentials.open(file(), at(T0)).find(s.accessKeyId())).contains(s);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file())))
        .isEqualTo("rw-------");
  }

  @Test
  void expireEarlyMatchesAThingOrOneKeyAndPersists() throws Exception {
    IssuedCredentials c = IssuedCredentials.open(file(), at(T0));
    SigningCredential a1 = c.issue("cam-a", Duration.ofHours(1));
    SigningCredential a2 = c.issue("cam-a", Duration.ofHours(1));
    SigningCredential b = c.issue("cam-b", Duration.ofHours(1));

    assertThat(c.expireEarly("cam-a")).isEqualTo(2);
    assertThat(c.expireEarly(b.accessKeyId())).isEqualTo(1);
    assertThat(c.expireEarly("cam-c")).isZero();

    IssuedCredentials again = IssuedCredentials.open(file(), at(T0));
    for (SigningCredential s : new SigningCredential[] {a1, a2, b}) {
      SigningCredential now = again.find(s.accessKeyId()).orElseThrow();
      assertThat(now.expiration()).isBefore(T0);
      assertThat(now.secretAccessKey()).isEqualTo(s.secretAccessKey());
    }
  }

  @Test
  void expiredCredentialsAreKeptForADayThenPruned() throws Exception {
    SigningCredential s =
        IssuedCredentials.open(file(), at(T0)).issue("cam-1", Duration.ofMinutes(15));
    Instant expired = s.expiration();

    IssuedCredentials hourLater = IssuedCredentials.open(file(), at(expired.plusSeconds(3600)));
    assertThat(hourLater.find(s.accessKeyId()))
        .as("still known, so 'expired' can be told")
        .isPresent();

    IssuedCredentials dayLater =
        IssuedCredentials.open(
            file(), at(expired.plus(IssuedCredentials.PRUNE_AFTER).plusSeconds(1)));
    assertThat(dayLater.find(s.accessKeyId())).isEmpty();
    assertThat(IssuedCredentials.open(file(), at(T0)).size()).as("pruning was saved").isZero();
  }
}
