package io.camappliance.core;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.camappliance.config.ApplianceConfig;
import io.camappliance.config.CameraConfig;
import io.camappliance.config.FragmentConfig;
import io.camappliance.config.IotConfig;
import io.camappliance.config.KvsConfig;
import io.camappliance.config.RecordingConfig;
import io.camappliance.config.StoreConfig;
import io.camappliance.config.WebConfig;
import io.camappliance.credentials.Backoff;
import io.camappliance.credentials.CredentialsCache;
import io.camappliance.credentials.RefreshPolicy;
import io.camappliance.emulator.Emulator;
import io.camappliance.emulator.EmulatorSettings;
import io.camappliance.emulator.iot.CertificateAuthority;
import io.camappliance.emulator.iot.CertificateStatus;
import io.camappliance.emulator.iot.IotRegistry;
import io.camappliance.emulator.iot.IssuedKey;
import io.camappliance.emulator.iot.KeyFormat;
import io.camappliance.emulator.iot.KeyType;
import io.camappliance.emulator.iot.Pem;
import io.camappliance.emulator.iot.ProvisionedDevice;
import io.camappliance.emulator.iot.RoleAlias;
import io.camappliance.kvs.UploadState;
import io.camappliance.kvs.Uploader;
import io.camappliance.mkv.FragmentMetadata;
import io.camappliance.mkv.Fragmenter;
import io.camappliance.mkv.FragmenterSettings;
import io.camappliance.mkv.SyntheticFrames;
import io.camappliance.store.ContentStore;
import io.camappliance.store.StoreLimits;
import io.camappliance.store.TrimPolicy;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Acceptance: the uplink, composed from {@code [kvs]} and {@code [iot]} against the emulator, meets
 * each way a device identity can be wrong. Each one must leave the uploader alive in {@link
 * UploadState#WAITING_FOR_CREDENTIALS} with a status message and one WARN line that name the
 * problem, retried at the policy's pace (not in a tight loop); where the cause can be fixed without
 * a restart (the cloud side, or files that failed to load), fixing it lets the upload start.
 *
 * <p>An expired or foreign certificate and a wrong CA file load fine and fail only in the
 * handshake; the uplink keeps an identity that loaded, so new files for those take a restart.
 * Permanent failures are probed every 300 ms here instead of the default 5 minutes.
 */
@Timeout(90)
class UplinkCredentialsTest {
  private static final String THING = "cam-identity";
  private static final String ROLE_ALIAS = "cam-identity-role";
  private static final Duration PROBE = Duration.ofMillis(300);

  /** Permanent failures probed every 300 ms instead of every 5 minutes. */
  private static final RefreshPolicy FAST =
      RefreshPolicy.defaults().withBackoff(new Backoff(Duration.ofMillis(100), PROBE), PROBE);

  private static final Pattern FAILURE_NUMBER = Pattern.compile("\\(failure (\\d+), retrying in");

  @TempDir Path dir;

  private Emulator emulator;
  private Path deviceDir;
  private final ListAppender<ILoggingEvent> uploaderLog = new ListAppender<>();
  private final ListAppender<ILoggingEvent> cacheLog = new ListAppender<>();
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void startEmulator() throws Exception {
    emulator = Emulator.start(EmulatorSettings.defaults(dir.resolve("emulator")));
    deviceDir = Files.createDirectories(dir.resolve("device"));
    attach(Uploader.class, uploaderLog);
    attach(CredentialsCache.class, cacheLog);
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    detach(Uploader.class, uploaderLog);
    detach(CredentialsCache.class, cacheLog);
    emulator.close();
  }

  @Test
  void anExpiredCertificateIsNamedAsExpired() throws Exception {
    ProvisionedDevice device = provision();
    Instant notAfter = Instant.now().minus(Duration.ofDays(1));
    IssuedKey expired = issueWithEmulatorCa(notAfter);
    IotRegistry registry = emulator.iot().registry();
    String id = registry.registerCertificate(expired.certificate(), CertificateStatus.ACTIVE);
    registry.attachThingPrincipal(THING, id);
    writeIdentity(device, expired);

    Uplink uplink = start(config(device, ROLE_ALIAS));

    String message = awaitWaitingForCredentials(uplink);
    assertThat(message).contains("expired on " + notAfter.truncatedTo(ChronoUnit.SECONDS));
    assertProbedRepeatedlyWithoutCrashing(uplink, message);
  }

  @Test
  void aRevokedCertificateIsNamedAndReactivatingItStartsTheUpload() throws Exception {
    ProvisionedDevice device = provision();
    IotRegistry registry = emulator.iot().registry();
    registry.setCertificateStatus(device.certificateId(), CertificateStatus.REVOKED);

    Uplink uplink = start(config(device, ROLE_ALIAS));

    String message = awaitWaitingForCredentials(uplink);
    assertThat(message).contains("REVOKED");
    assertProbedRepeatedlyWithoutCrashing(uplink, message);

    registry.setCertificateStatus(device.certificateId(), CertificateStatus.ACTIVE);
    assertUploadStarts(uplink);
  }

  @Test
  void aCertificateFromAnotherCaIsNamedAsUnknown() throws Exception {
    ProvisionedDevice device = provision();
    CertificateAuthority other = CertificateAuthority.openOrCreate(dir.resolve("other-ca"));
    writeIdentity(device, other.issueDevice(KeyType.EC));

    Uplink uplink = start(config(device, ROLE_ALIAS));

    String message = awaitWaitingForCredentials(uplink);
    assertThat(message).contains("device certificate is unknown");
    assertProbedRepeatedlyWithoutCrashing(uplink, message);
  }

  @Test
  void aKeyThatDoesNotMatchTheCertificateIsNamedAndFixingTheFilesStartsTheUpload()
      throws Exception {
    ProvisionedDevice device = provision();
    Files.writeString(
        device.privateKeyFile(),
        Pem.privateKey(ecKeyPair().getPrivate(), KeyFormat.PKCS8),
        StandardCharsets.US_ASCII);

    Uplink uplink = start(config(device, ROLE_ALIAS));

    String message = awaitWaitingForCredentials(uplink);
    assertThat(message).contains("does not match the certificate");
    assertProbedRepeatedlyWithoutCrashing(uplink, message);

    provision(); // a new key and certificate into the same files
    assertUploadStarts(uplink);
  }

  @Test
  void aCaFileThatDidNotSignTheEndpointIsNamedAsATrustProblem() throws Exception {
    ProvisionedDevice device = provision();
    CertificateAuthority other = CertificateAuthority.openOrCreate(dir.resolve("other-ca"));
    Files.writeString(
        device.caFile(), Pem.certificate(other.certificate()), StandardCharsets.US_ASCII);

    Uplink uplink = start(config(device, ROLE_ALIAS));

    String message = awaitWaitingForCredentials(uplink);
    assertThat(message).contains("does not trust").contains("CA file");
    assertProbedRepeatedlyWithoutCrashing(uplink, message);
  }

  @Test
  void anUnknownRoleAliasIsNamedAndCreatingItStartsTheUpload() throws Exception {
    ProvisionedDevice device = provision();

    Uplink uplink = start(config(device, "no-such-role"));

    String message = awaitWaitingForCredentials(uplink);
    assertThat(message).contains("role alias 'no-such-role' does not exist");
    assertProbedRepeatedlyWithoutCrashing(uplink, message);

    emulator
        .iot()
        .registry()
        .putRoleAlias(
            new RoleAlias(
                "no-such-role",
                "arn:aws:iam::" + EmulatorSettings.DEFAULT_ACCOUNT + ":role/no-such-role",
                RoleAlias.DEFAULT_DURATION_SECONDS));
    assertUploadStarts(uplink);
  }

  // ---- what every case must show ----

  private String awaitWaitingForCredentials(Uplink uplink) throws InterruptedException {
    await(
        () -> uplink.state() == UploadState.WAITING_FOR_CREDENTIALS,
        Duration.ofSeconds(20),
        () -> "uploader " + uplink.status());
    return uplink.uploader().message();
  }

  /**
   * The state and message hold for more than a second while the cache keeps probing at the policy's
   * pace; exactly one WARN from the uploader names the problem; the uploader thread lives.
   */
  private void assertProbedRepeatedlyWithoutCrashing(Uplink uplink, String message)
      throws InterruptedException {
    int before = latestFailureNumber();
    long start = System.nanoTime();
    Thread.sleep(1500);
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    int after = latestFailureNumber();

    assertThat(uplink.state()).isEqualTo(UploadState.WAITING_FOR_CREDENTIALS);
    assertThat(uplink.uploader().message()).isEqualTo(message);
    assertThat(after).as("credential fetch failures").isGreaterThan(before + 1);
    // Each probe waits at least the policy's 300 ms, jitter at most halves a backoff step.
    assertThat(after - before)
        .as("probes in %d ms", elapsedMillis)
        .isLessThanOrEqualTo((int) (elapsedMillis / (PROBE.toMillis() / 2)) + 1);
    assertThat(cacheEvents())
        .filteredOn(e -> e.getLevel() == Level.WARN)
        .extracting(ILoggingEvent::getFormattedMessage)
        .allSatisfy(m -> assertThat(message).contains(m.substring(0, m.indexOf(" (failure "))));
    assertThat(uploaderEvents())
        .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("Upload to " + THING + ": " + message);
    assertThat(uploaderThreadAlive()).isTrue();
  }

  private void assertUploadStarts(Uplink uplink) throws InterruptedException {
    await(
        () -> uplink.state() == UploadState.STREAMING || uplink.state() == UploadState.CONNECTING,
        Duration.ofSeconds(20),
        () -> "uploader " + uplink.status());
    assertThat(uploaderEvents())
        .noneMatch(e -> e.getLevel() == Level.ERROR)
        .anyMatch(e -> e.getFormattedMessage().startsWith("Stream " + THING + " is ready"));
  }

  private static boolean uploaderThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals("uploader-" + THING) && t.isAlive());
  }

  private int latestFailureNumber() {
    int latest = 0;
    for (ILoggingEvent e : cacheEvents()) {
      Matcher m = FAILURE_NUMBER.matcher(e.getFormattedMessage());
      if (m.find()) {
        latest = Math.max(latest, Integer.parseInt(m.group(1)));
      }
    }
    return latest;
  }

  // ---- the appliance side ----

  private Uplink start(ApplianceConfig config) {
    Uplink uplink = Uplink.open(config, FAST);
    open.add(uplink);
    ContentStore store =
        new ContentStore(
            new StoreLimits(8 << 20, 60_000, 4096), TrimPolicy.forRetentionHours(2), null);
    open.add(store);
    uplink.start(store);
    // One key frame: once credentials come, the uploader has something to connect for.
    Fragmenter fragmenter =
        new Fragmenter(
            FragmenterSettings.DEFAULTS, new FragmentMetadata(), () -> false, List.of(store));
    long nowMicros = System.currentTimeMillis() * 1000;
    fragmenter.onFrame(SyntheticFrames.frame(0, nowMicros, true, SyntheticFrames.FORMAT));
    return uplink;
  }

  private ApplianceConfig config(ProvisionedDevice device, String roleAlias) {
    KvsConfig kvs =
        new KvsConfig(
            true,
            EmulatorSettings.DEFAULT_REGION,
            Optional.of(emulator.endpoint()),
            THING,
            true,
            2,
            "video/h264",
            30,
            60,
            40,
            60,
            dir.resolve("backlog"),
            0);
    IotConfig iot =
        new IotConfig(
            "localhost:" + emulator.iotPort(),
            roleAlias,
            THING,
            Optional.of(device.certificateFile()),
            Optional.of(device.privateKeyFile()),
            Optional.of(device.caFile()),
            Optional.empty());
    return new ApplianceConfig(
        CameraConfig.DEFAULTS,
        FragmentConfig.DEFAULTS,
        StoreConfig.DEFAULTS,
        RecordingConfig.DEFAULTS,
        kvs,
        iot,
        WebConfig.DEFAULTS);
  }

  // ---- the device's identity ----

  private ProvisionedDevice provision() throws Exception {
    return emulator.iot().provision(THING, ROLE_ALIAS, KeyType.EC, KeyFormat.PKCS8, deviceDir);
  }

  private static void writeIdentity(ProvisionedDevice device, IssuedKey identity) throws Exception {
    Files.writeString(
        device.certificateFile(),
        Pem.certificate(identity.certificate()),
        StandardCharsets.US_ASCII);
    Files.writeString(
        device.privateKeyFile(),
        Pem.privateKey(identity.keyPair().getPrivate(), KeyFormat.PKCS8),
        StandardCharsets.US_ASCII);
  }

  /**
   * A device certificate as the emulator's CA issues them, but valid until {@code notAfter}: signed
   * with the CA key the emulator keeps under its data directory ({@code iot/ca/ca.key}).
   */
  private IssuedKey issueWithEmulatorCa(Instant notAfter) throws Exception {
    X509Certificate ca = emulator.iot().certificateAuthority().certificate();
    PrivateKey caKey =
        Pem.privateKey(
            Files.readString(
                emulator.settings().dataDir().resolve("iot/ca/ca.key"), StandardCharsets.US_ASCII));
    KeyPair pair = ecKeyPair();
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            ca,
            new BigInteger(159, new SecureRandom()).add(BigInteger.ONE),
            java.util.Date.from(notAfter.minus(Duration.ofDays(30))),
            java.util.Date.from(notAfter),
            new X500Name("CN=AWS IoT Certificate"),
            pair.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    b.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
    b.addExtension(
        Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
    return new IssuedKey(pair, cert);
  }

  private static KeyPair ecKeyPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  // ---- plumbing ----

  /**
   * This uplink's credentials cache events so far: they name this emulator's endpoint or this
   * test's device files (a cache another test left open logs to the same logger).
   */
  private List<ILoggingEvent> cacheEvents() {
    String endpoint = "localhost:" + emulator.iotPort();
    String files = deviceDir.toString();
    return snapshot(cacheLog).stream()
        .filter(
            e ->
                e.getFormattedMessage().contains(endpoint)
                    || e.getFormattedMessage().contains(files))
        .toList();
  }

  /** This uplink's uploader events so far. */
  private List<ILoggingEvent> uploaderEvents() {
    return snapshot(uploaderLog).stream()
        .filter(e -> e.getThreadName().equals("uploader-" + THING))
        .toList();
  }

  /** The events so far; appending holds the appender's lock. */
  private static List<ILoggingEvent> snapshot(ListAppender<ILoggingEvent> appender) {
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  private static void attach(Class<?> type, ListAppender<ILoggingEvent> appender) {
    appender.start();
    ((Logger) LoggerFactory.getLogger(type)).addAppender(appender);
  }

  private static void detach(Class<?> type, ListAppender<ILoggingEvent> appender) {
    ((Logger) LoggerFactory.getLogger(type)).detachAppender(appender);
    appender.stop();
  }

  private static void await(
      BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> why)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached within " + timeout + ": " + why.get());
      }
      Thread.sleep(20);
    }
  }
}
