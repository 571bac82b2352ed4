package io.camappliance.emulator.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camappliance.emulator.Emulator;
import io.camappliance.emulator.EmulatorSettings;
import io.camappliance.emulator.auth.SigningCredential;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(60)
class CredentialsEndpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String THING = "cam-front-door";
  private static final String ALIAS = "CameraRoleAlias";

  @TempDir Path data;
  @TempDir Path out;
  private Emulator emulator;

  @BeforeEach
  void start() throws IOException {
    Curl.assumeAvailable();
    emulator = Emulator.start(EmulatorSettings.defaults(data));
  }

  @AfterEach
  void stop() {
    if (emulator != null) {
      emulator.close();
    }
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.isAlive() && t.getName().startsWith("iot-credentials"));
  }

  private String url(String alias) {
    return emulator.iot().endpoint() + "/role-aliases/" + alias + "/credentials";
  }

  private ProvisionedDevice provision(KeyType type, KeyFormat format) throws IOException {
    return emulator.iot().provision(THING, ALIAS, type, format, out);
  }

  private Curl.Result curl(ProvisionedDevice d, String thing, String alias) throws IOException {
    return Curl.get(url(alias), d.certificateFile(), d.privateKeyFile(), d.caFile(), thing);
  }

  @ParameterizedTest
  @CsvSource({
    "EC, PKCS8, BEGIN PRIVATE KEY",
    "EC, TRADITIONAL, BEGIN EC PRIVATE KEY",
    "RSA, PKCS8, BEGIN PRIVATE KEY",
    "RSA, TRADITIONAL, BEGIN RSA PRIVATE KEY"
  })
  void curlGetsCredentialsForAnAttachedThing(KeyType type, KeyFormat format, String keyHeader)
      throws IOException {
    ProvisionedDevice d = provision(type, format);
    assertThat(Files.readString(d.privateKeyFile())).contains("-----" + keyHeader + "-----");
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    Curl.Result r = curl(d, THING, ALIAS);

    assertThat(r.httpCode()).as(r.stderr()).isEqualTo("200");
    JsonNode c = JSON.readTree(r.body()).get("credentials");
    assertThat(c.get("accessKeyId").asText()).matches("ASIA[A-Z2-7]{16}");
    assertThat(c.get("secretAccessKey").asText()).hasSize(40);
    assertThat(c.get("sessionToken").asText()).isNotEmpty();
    String expiration = c.get("expiration").asText();
    assertThat(expiration).hasSize(20).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    Instant expires = Instant.parse(expiration);
    assertThat(expires).isBetween(before.plusSeconds(3600), Instant.now().plusSeconds(3600));

    SigningCredential issued =
        emulator.iot().issuedCredentials().find(c.get("accessKeyId").asText()).orElseThrow();
    assertThat(issued.thingName()).isEqualTo(THING);
    assertThat(issued.expiration()).isEqualTo(expires);
    assertThat(issued.secretAccessKey()).isEqualTo(c.get("secretAccessKey").asText());
    assertThat(issued.sessionToken()).isEqualTo(c.get("sessionToken").asText());
  }

  @Test
  void javaHttpClientGetsCredentialsWithAnSslContextFromThePemFiles() throws Exception {
    ProvisionedDevice d = provision(KeyType.RSA, KeyFormat.TRADITIONAL);
    HttpResponse<String> r =
        DeviceTls.get(
            DeviceTls.sslContext(d.certificateFile(), d.privateKeyFile(), d.caFile()),
            URI.create(url(ALIAS)),
            THING);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> v.startsWith("application/json"));
    String key = JSON.readTree(r.body()).at("/credentials/accessKeyId").asText();
    assertThat(emulator.iot().issuedCredentials().find(key)).isPresent();
  }

  @Test
  void javaHttpClientReachesTheLoopbackAddressWithoutSni() throws Exception {
    ProvisionedDevice d = provision(KeyType.EC, KeyFormat.PKCS8);
    URI byIp =
        URI.create(
            "https://127.0.0.1:" + emulator.iotPort() + "/role-aliases/" + ALIAS + "/credentials");
    HttpResponse<String> r =
        DeviceTls.get(
            DeviceTls.sslContext(d.certificateFile(), d.privateKeyFile(), d.caFile()), byIp, THING);
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void speaksTls12AndTls13ButNothingOlder() throws IOException {
    ProvisionedDevice d = provision(KeyType.EC, KeyFormat.PKCS8);
    Path cert = d.certificateFile();
    Path key = d.privateKeyFile();
    Path ca = d.caFile();

    Curl.Result tls12 = Curl.get(url(ALIAS), cert, key, ca, THING, "--tlsv1.2", "--tls-max", "1.2");
    Curl.Result tls13 = Curl.get(url(ALIAS), cert, key, ca, THING, "--tlsv1.3");
    // SECLEVEL=0 lets OpenSSL 3 offer TLS 1.1 at all, so the refusal is the server's
    Curl.Result tls11 =
        Curl.get(
            url(ALIAS),
            cert,
            key,
            ca,
            THING,
            "--tlsv1.1",
            "--tls-max",
            "1.1",
            "--ciphers",
            "DEFAULT@SECLEVEL=0");

    assertThat(tls12.httpCode()).as(tls12.stderr()).isEqualTo("200");
    assertThat(tls13.httpCode()).as(tls13.stderr()).isEqualTo("200");
    assertThat(tls11.refusedByTls()).as(tls11.toString()).isTrue();
  }

  @Test
  void underTls12AnUnregisteredCertificateFailsTheHandshakeItself(@TempDir Path other)
      throws IOException {
    ProvisionedDevice d = provision(KeyType.EC, KeyFormat.PKCS8);
    IssuedKey k = emulator.iot().certificateAuthority().issueDevice(KeyType.EC);
    Path cert = other.resolve("device.pem");
    Path key = other.resolve("device.key");
    Files.writeString(cert, Pem.certificate(k.certificate()));
    Files.writeString(key, Pem.privateKey(k.keyPair().getPrivate(), KeyFormat.PKCS8));

    Curl.Result r = Curl.get(url(ALIAS), cert, key, d.caFile(), THING, "--tls-max", "1.2");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(35); // CURLE_SSL_CONNECT_ERROR
  }

  @Test
  void javaHttpClientWithoutAClientCertificateIsRefusedInTheHandshake() throws Exception {
    ProvisionedDevice d = provision(KeyType.EC, KeyFormat.PKCS8);
    assertThatThrownBy(
            () ->
                DeviceTls.get(
                    DeviceTls.sslContext(null, null, d.caFile()), URI.create(url(ALIAS)), THING))
        .isInstanceOf(IOException.class);
    assertThat(emulator.iot().issuedCredentials().size()).isZero();
  }

  @Test
  void curlWithoutAClientCertificateGetsNoHttpResponse() throws IOException {
    ProvisionedDevice d = provision(KeyType.EC, KeyFormat.PKCS8);
    Curl.Result r = Curl.get(url(ALIAS), null, null, d.caFile(), THING);
    assertThat(r.refusedByTls()).as(r.toString()).isTrue();
  }

  @Test
  void aCertificateFromAnotherCaIsRefusedEvenWhenRegisteredAndAttached(@TempDir Path other)
      throws IOException {
    ProvisionedDevice d = provision(KeyType.EC, KeyFormat.PKCS8);
    CertificateAuthority foreign = CertificateAuthority.openOrCreate(other.resolve("ca"));
    IssuedKey k = foreign.issueDevice(KeyType.EC);
    String id =
        emulator.iot().registry().registerCertificate(k.certificate(), CertificateStatus.ACTIVE);
    emulator.iot().registry().attachThingPrincipal(THING, id);
    Path cert = other.resolve("device.pem");
    Path key = other.resolve("device.key");
    Files.writeString(cert, Pem.certificate(k.certificate()));
    Files.writeString(key, Pem.privateKey(k.keyPair().getPrivate(), KeyFormat.PKCS8));

    Curl.Result r = Curl.get(url(ALIAS), cert, key, d.caFile(), THING);

    assertThat(r.refusedByTls()).as(r.toString()).isTrue();
  }

  @Test
  void aCertificateFromTheEmulatorCaThatWasNeverRegisteredIsRefused(@TempDir Path other)
      throws IOException {
    ProvisionedDevice d = provision(KeyType.EC, KeyFormat.PKCS8);
    IssuedKey k = emulator.iot().certificateAuthority().issueDevice(KeyType.EC);
    Path cert = other.resolve("device.pem");
    Path key = other.resolve("device.key");
    Files.writeString(cert, Pem.certificate(k.certificate()));
    Files.writeString(key, Pem.privateKey(k.keyPair().getPrivate(), KeyFormat.PKCS8));

    Curl.Result r = Curl.get(url(ALIAS), cert, key, d.caFile(), THING);

    assertThat(r.refusedByTls()).as(r.toString()).isTrue();
  }

  @Test
  void aThingNotAttachedToTheCertificateGets403InvalidThingName() throws IOException {
    ProvisionedDevice d = provision(KeyType.EC, KeyFormat.PKCS8);
    emulator.iot().registry().createThing("cam-back-door");

    Curl.Result attachedElsewhere = curl(d, "cam-back-door", ALIAS);
    Curl.Result unknown = curl(d, "no-such-thing", ALIAS);

    for (Curl.Result r : new Curl.Result[] {attachedElsewhere, unknown}) {
      assertThat(r.httpCode()).isEqualTo("403");
      assertThat(r.body()).isEqualTo("{\"message\":\"Invalid thing name passed\"}");
    }
  }

  @Test
  void anUnknownRoleAliasGets404() throws IOException {
    ProvisionedDevice d = provision(KeyType.EC, KeyFormat.PKCS8);
    Curl.Result r = curl(d, THING, "NoSuchAlias");
    assertThat(r.httpCode()).isEqualTo("404");
    assertThat(r.body()).isEqualTo("{\"message\":\"Role alias does not exist\"}");
  }

  @Test
  void aRequestWithoutTheThingNameHeaderGets400() throws IOException {
    ProvisionedDevice d = provision(KeyType.EC, KeyFormat.PKCS8);
    Curl.Result r = curl(d, null, ALIAS);
    assertThat(r.httpCode()).isEqualTo("400");
    assertThat(r.body()).isEqualTo("{\"message\":\"Missing x-amzn-iot-thingname header\"}");
    assertThat(emulator.iot().issuedCredentials().size()).isZero();
  }

  @Test
  void inactiveAndRevokedCertificatesAreRefusedUntilActivatedAgain() throws IOException {
    ProvisionedDevice d = provision(KeyType.EC, KeyFormat.PKCS8);
    IotRegistry registry = emulator.iot().registry();

    registry.setCertificateStatus(d.certificateId(), CertificateStatus.INACTIVE);
    Curl.Result inactive = curl(d, THING, ALIAS);
    registry.setCertificateStatus(d.certificateId(), CertificateStatus.ACTIVE);
    Curl.Result active = curl(d, THING, ALIAS);
    registry.setCertificateStatus(d.certificateId(), CertificateStatus.REVOKED);
    Curl.Result revoked = curl(d, THING, ALIAS);

    assertThat(inactive.refusedByTls()).as(inactive.toString()).isTrue();
    assertThat(active.httpCode()).isEqualTo("200");
    assertThat(revoked.refusedByTls()).as(revoked.toString()).isTrue();
    assertThat(emulator.iot().issuedCredentials().size()).isEqualTo(1);
  }

  @Test
  void injectedThrottlingAnswers429ThenRecovers() throws IOException {
    ProvisionedDevice d = provision(KeyType.EC, KeyFormat.PKCS8);
    emulator.iot().throttle(1);
    Curl.Result throttled = curl(d, THING, ALIAS);
    Curl.Result next = curl(d, THING, ALIAS);
    assertThat(throttled.httpCode()).isEqualTo("429");
    assertThat(throttled.body()).isEqualTo("{\"message\":\"Rate exceeded\"}");
    assertThat(next.httpCode()).isEqualTo("200");
  }

  @Test
  void expiringCredentialsEarlyIsVisibleToTheLookup() throws IOException {
    ProvisionedDevice d = provision(KeyType.EC, KeyFormat.PKCS8);
    String key =
        JSON.readTree(curl(d, THING, ALIAS).body()).at("/credentials/accessKeyId").asText();
    IssuedCredentials issued = emulator.iot().issuedCredentials();
    assertThat(issued.find(key).orElseThrow().expiration()).isAfter(Instant.now());

    assertThat(issued.expireEarly(THING)).isEqualTo(1);

    assertThat(issued.find(key).orElseThrow().expiration()).isBefore(Instant.now());
    assertThat(issued.expireEarly(key)).as("already expired").isZero();
  }

  @Test
  void stateSurvivesARestartAndTheSameCaKeepsSigning() throws Exception {
    ProvisionedDevice d = provision(KeyType.RSA, KeyFormat.PKCS8);
    String key =
        JSON.readTree(curl(d, THING, ALIAS).body()).at("/credentials/accessKeyId").asText();
    SigningCredential before = emulator.iot().issuedCredentials().find(key).orElseThrow();
    byte[] ca = emulator.iot().certificateAuthority().certificate().getEncoded();
    emulator.close();

    emulator = Emulator.start(EmulatorSettings.defaults(data));

    assertThat(emulator.iot().certificateAuthority().certificate().getEncoded()).isEqualTo(ca);
    assertThat(emulator.iot().issuedCredentials().find(key)).contains(before);
    assertThat(curl(d, THING, ALIAS).httpCode()).as("old device, old ca.pem").isEqualTo("200");
    Path second = Files.createDirectory(out.resolve("second"));
    ProvisionedDevice d2 =
        emulator.iot().provision("cam-2", ALIAS, KeyType.EC, KeyFormat.PKCS8, second);
    Curl.Result r =
        Curl.get(url(ALIAS), d2.certificateFile(), d2.privateKeyFile(), d.caFile(), "cam-2");
    assertThat(r.httpCode()).as("new device verified with the first ca.pem").isEqualTo("200");
  }

  @Test
  void lifetimeIsTheShorterOfTheRoleAliasDurationAndTheEmulatorCap() throws IOException {
    emulator.close();
    emulator =
        Emulator.start(
            EmulatorSettings.defaults(data).withCredentialLifetime(Duration.ofSeconds(120)));
    ProvisionedDevice dev = provision(KeyType.EC, KeyFormat.PKCS8);
    emulator
        .iot()
        .registry()
        .putRoleAlias(new RoleAlias("Short", "arn:aws:iam::123456789012:role/r", 900));
    emulator
        .iot()
        .registry()
        .putRoleAlias(new RoleAlias("Long", "arn:aws:iam::123456789012:role/r", 43_200));

    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant capped = expiration(curl(dev, THING, "Long"));
    emulator.close();
    emulator = Emulator.start(EmulatorSettings.defaults(data)); // cap 3600 s
    Instant t1 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant aliasShort = expiration(curl(dev, THING, "Short"));

    assertThat(capped).isBetween(t0.plusSeconds(120), t1.plusSeconds(120));
    assertThat(aliasShort).isBetween(t1.plusSeconds(900), Instant.now().plusSeconds(900));
  }

  private static Instant expiration(Curl.Result r) throws IOException {
    assertThat(r.httpCode()).as(r.toString()).isEqualTo("200");
    return Instant.parse(JSON.readTree(r.body()).at("/credentials/expiration").asText());
  }
}
