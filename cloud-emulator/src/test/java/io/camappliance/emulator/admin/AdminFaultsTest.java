package io.camappliance.emulator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.emulator.putmedia.AckEventType;
import io.camappliance.emulator.putmedia.PutMediaTestSupport;
import io.camappliance.emulator.putmedia.PutMediaTestSupport.Server;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every fault the admin API arms, seen from a PutMedia client. */
@Timeout(30)
class AdminFaultsTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path dir;

  @Test
  void theNextConnectionIsCutAfterTheGivenBytesAndTheOneAfterIsNot() throws Exception {
    try (Server s = PutMediaTestSupport.start(dir)) {
      AdminClient admin = new AdminClient(s.endpoint());
      admin.cutNextConnection(300);
      byte[] body = PutMediaTestSupport.body(T0, 2, 3, 0);
      assertThat(s.send("cam", body)).doesNotContain("PERSISTED").doesNotContain("ERROR");
      assertThat(s.send("cam", body))
          .containsExactly(
              "BUFFERING", "RECEIVED", "PERSISTED", "BUFFERING", "RECEIVED", "PERSISTED");
    }
  }

  @Test
  void everyConnectionIsCutUntilTheFaultsAreCleared() throws Exception {
    try (Server s = PutMediaTestSupport.start(dir)) {
      AdminClient admin = new AdminClient(s.endpoint());
      admin.cutEveryConnection(300);
      byte[] body = PutMediaTestSupport.body(T0, 2, 3, 0);
      assertThat(s.send("cam", body)).doesNotContain("PERSISTED");
      assertThat(s.send("cam", body)).doesNotContain("PERSISTED");
      admin.clearFaults();
      assertThat(s.send("cam", body)).contains("PERSISTED");
    }
  }

  @Test
  void aRandomCutLandsWithinTheGivenBytes() throws Exception {
    try (Server s = PutMediaTestSupport.start(dir)) {
      AdminClient admin = new AdminClient(s.endpoint());
      admin.cutNextConnectionRandomly(200);
      assertThat(s.send("cam", PutMediaTestSupport.body(T0, 2, 3, 0))).isEmpty();
    }
  }

  @Test
  void droppedAcksOfOneTypeAreNeverSent() throws Exception {
    try (Server s = PutMediaTestSupport.start(dir)) {
      AdminClient admin = new AdminClient(s.endpoint());
      admin.dropAcks(AckEventType.PERSISTED);
      assertThat(s.send("cam", PutMediaTestSupport.body(T0, 2, 3, 0)))
          .containsExactly("BUFFERING", "RECEIVED", "BUFFERING", "RECEIVED");
      admin.restoreAcks(AckEventType.PERSISTED);
      assertThat(s.send("cam", PutMediaTestSupport.body(T0 + 5000, 1, 3, 0)))
          .containsExactly("BUFFERING", "RECEIVED", "PERSISTED");
    }
  }

  @Test
  void delayedAcksArriveAfterTheOthers() throws Exception {
    try (Server s = PutMediaTestSupport.start(dir)) {
      AdminClient admin = new AdminClient(s.endpoint());
      admin.delayAcks(AckEventType.BUFFERING, Duration.ofMillis(300));
      List<String> acks = s.send("cam", PutMediaTestSupport.body(T0, 1, 3, 0));
      assertThat(acks).containsExactly("RECEIVED", "PERSISTED", "BUFFERING");
    }
  }

  @Test
  void theChosenFragmentIsAnsweredWithTheChosenError() throws Exception {
    try (Server s = PutMediaTestSupport.start(dir)) {
      AdminClient admin = new AdminClient(s.endpoint());
      admin.errorOnFragment(2, 5001);
      List<String> acks = s.sendWithErrors("cam", PutMediaTestSupport.body(T0, 3, 3, 0));
      assertThat(acks)
          .containsExactly("BUFFERING", "RECEIVED", "PERSISTED", "BUFFERING", "ERROR 5001");
      assertThat(s.storedFragments("cam")).isEqualTo(1);
    }
  }

  @Test
  void theNextRequestsGetHttpErrorsThenPass() throws Exception {
    try (Server s = PutMediaTestSupport.start(dir)) {
      AdminClient admin = new AdminClient(s.endpoint());
      admin.failNextRequests(1, 503);
      admin.throttleNextRequests(1);
      // The later arming replaces the earlier: one throttled request, then service again.
      assertThat(s.status("cam")).isEqualTo("400 ClientLimitExceededException");
      assertThat(s.status("cam")).isEqualTo("200 null");
      admin.failNextRequests(2, 500);
      assertThat(s.status("cam")).isEqualTo("500 InternalFailure");
      assertThat(s.status("cam")).isEqualTo("500 InternalFailure");
      assertThat(s.status("cam")).isEqualTo("200 null");
    }
  }

  @Test
  void pausedPersistenceWithholdsPersistedUntilResumed() throws Exception {
    try (Server s = PutMediaTestSupport.start(dir)) {
      AdminClient admin = new AdminClient(s.endpoint());
      admin.pausePersistence();
      try (var c = s.open("cam")) {
        c.send(PutMediaTestSupport.body(T0, 2, 3, 0));
        c.finish();
        assertThat(c.next()).isEqualTo("BUFFERING");
        assertThat(c.next()).isEqualTo("RECEIVED");
        assertThat(c.next()).isEqualTo("BUFFERING");
        assertThat(c.next()).isEqualTo("RECEIVED");
        assertThat(admin.stream("cam").fragments()).isEmpty();
        admin.resumePersistence();
        assertThat(c.next()).isEqualTo("PERSISTED");
        assertThat(c.next()).isEqualTo("PERSISTED");
      }
      assertThat(admin.stream("cam").fragments()).hasSize(2);
    }
  }

  @Test
  void expiringCredentialsCallsTheHook() throws Exception {
    String[] expired = new String[1];
    try (Server s =
        PutMediaTestSupport.start(
            dir,
            key -> {
              expired[0] = key;
              return 1;
            })) {
      assertThat(new AdminClient(s.endpoint()).expireCredentials("ASIAEXAMPLE")).isEqualTo(1);
      assertThat(expired[0]).isEqualTo("ASIAEXAMPLE");
    }
  }

  @Test
  void introspectionCountsLostAndDuplicatedFrames() throws Exception {
    try (Server s = PutMediaTestSupport.start(dir)) {
      AdminClient admin = new AdminClient(s.endpoint());
      s.send("cam", PutMediaTestSupport.body(T0, 2, 3, 0)); // seq 0..5
      s.send("cam", PutMediaTestSupport.body(T0 + 120, 1, 3, 3)); // resent: seq 3..5 again
      s.send("cam", PutMediaTestSupport.body(T0 + 10_000, 1, 3, 9)); // 6..8 lost
      StreamReport r = admin.stream("cam");
      assertThat(admin.streams()).containsExactly("cam");
      assertThat(r.fragments()).hasSize(4);
      assertThat(r.fragments())
          .extracting(f -> f.duplicate())
          .containsExactly(false, false, true, false);
      assertThat(r.fragments().get(3).firstSequence()).isEqualTo(9);
      assertThat(r.fragments().get(3).lastSequence()).isEqualTo(11);
      assertThat(r.framesStamped()).isEqualTo(12);
      assertThat(r.duplicateFrames()).isEqualTo(3);
      assertThat(r.lostFrames()).isEqualTo(3);
      assertThat(r.duplicateFragments()).isEqualTo(1);
    }
  }
}
