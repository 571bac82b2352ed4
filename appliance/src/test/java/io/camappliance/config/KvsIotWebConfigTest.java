package io.camappliance.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KvsIotWebConfigTest {
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final String SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLETOKENvalue0123456789";
  private static final String WEB_TOKEN = "correct-horse-battery-staple";

  @TempDir static Path certs;

  @BeforeAll
  static void writeCertificateFiles() throws Exception {
    for (String f : List.of("device.pem", "device.key", "ca.pem")) {
      Files.writeString(certs.resolve(f), "-----BEGIN X-----\n-----END X-----\n");
    }
  }

  private static ApplianceConfig parse(String toml) throws ConfigException {
    return ConfigLoader.parse("appliance.toml", toml);
  }

  private static String iotFiles() {
    return "certificate = \""
        + certs.resolve("device.pem")
        + "\"\nprivate_key = \""
        + certs.resolve("device.key")
        + "\"\nca = \""
        + certs.resolve("ca.pem")
        + "\"\n";
  }

  @Test
  void theNewSectionsDefaultToNoUploadAndALoopbackWebServer() throws Exception {
    ApplianceConfig c = parse("");
    assertThat(c.kvs())
        .isEqualTo(
            new KvsConfig(
                false,
                "us-west-2",
                Optional.empty(),
                "",
                true,
                2,
                "video/h264",
                30,
                60,
                40,
                60,
                Path.of("/var/lib/camera-appliance/backlog"),
                2048));
    assertThat(c.kvs().trimsOnReceived()).isFalse();
    assertThat(c.kvs().backlogEnabled()).isTrue();
    assertThat(c.kvs().backlogDir().getParent()).isEqualTo(c.recording().directory().getParent());
    assertThat(c.iot()).isEqualTo(IotConfig.DEFAULTS);
    assertThat(c.iot().usesStaticCredentials()).isFalse();
    assertThat(c.web()).isEqualTo(new WebConfig("127.0.0.1", 8080, "", 8, 8189, List.of()));
  }

  @Test
  void theMediaPipelineConstructorKeepsTheNewSectionsAtTheirDefaults() {
    ApplianceConfig d = ApplianceConfig.DEFAULTS;
    assertThat(new ApplianceConfig(d.camera(), d.fragments(), d.store(), d.recording()))
        .isEqualTo(d);
  }

  @Test
  void readsAnUploadThroughTheIotCredentialsProvider() throws Exception {
    ApplianceConfig c =
        parse(
            """
            [kvs]
            enabled = true
            region = "eu-central-1"
            endpoint = "https://127.0.0.1:4566"
            stream_name = "front-door.cam_1"
            create_stream = false
            retention_hours = 0
            media_type = "video/h264,audio/aac"
            connection_staleness_seconds = 0
            max_latency_seconds = 0
            rotation_minutes = 44
            rotation_margin_seconds = 5
            backlog_dir = "/data/backlog"
            backlog_max_megabytes = 0
            [iot]
            credentials_endpoint = "c2abc.credentials.iot.eu-central-1.amazonaws.com:443"
            role_alias = "CameraRoleAlias"
            thing_name = "front-door"
            """
                + iotFiles());
    assertThat(c.kvs())
        .isEqualTo(
            new KvsConfig(
                true,
                "eu-central-1",
                Optional.of(URI.create("https://127.0.0.1:4566")),
                "front-door.cam_1",
                false,
                0,
                "video/h264,audio/aac",
                0,
                0,
                44,
                5,
                Path.of("/data/backlog"),
                0));
    assertThat(c.kvs().trimsOnReceived()).isTrue();
    assertThat(c.kvs().backlogEnabled()).isFalse();
    assertThat(c.iot())
        .isEqualTo(
            new IotConfig(
                "c2abc.credentials.iot.eu-central-1.amazonaws.com:443",
                "CameraRoleAlias",
                "front-door",
                Optional.of(certs.resolve("device.pem")),
                Optional.of(certs.resolve("device.key")),
                Optional.of(certs.resolve("ca.pem")),
                Optional.empty()));
  }

  @Test
  void theThingIsNamedAfterTheStreamUnlessSet() throws Exception {
    String iot = "[iot]\ncredentials_endpoint = \"h.example\"\nrole_alias = \"r\"\n" + iotFiles();
    ApplianceConfig c = parse("[kvs]\nenabled = true\nstream_name = \"cam-7\"\n" + iot);
    assertThat(c.iot().thingName()).isEqualTo("cam-7");
    assertThat(parse("[kvs]\nstream_name = \"cam-7\"\n").iot().thingName()).isEqualTo("cam-7");
    assertThat(
            parse("[kvs]\nenabled = true\nstream_name = \"cam-7\"\n" + iot + "thing_name = \"t1\"")
                .iot()
                .thingName())
        .isEqualTo("t1");
  }

  @Test
  void aStreamNameThatIsNoThingNameMustBeFollowedByAnExplicitThingName() {
    String toml =
        "[kvs]\nenabled = true\nstream_name = \"cam.7\"\n"
            + "[iot]\ncredentials_endpoint = \"h.example\"\nrole_alias = \"r\"\n"
            + iotFiles();
    assertThatThrownBy(() -> parse(toml))
        .hasMessageContaining("appliance.toml: iot.thing_name is 'cam.7' (kvs.stream_name when")
        .hasMessageContaining("set iot.thing_name");
  }

  @Test
  void staticCredentialsReplaceTheIotSettings() throws Exception {
    ApplianceConfig c =
        parse(
            "[kvs]\nenabled = true\nstream_name = \"s\"\n[iot]\n"
                + "static_access_key_id = \"AKIAIOSFODNN7EXAMPLE\"\n"
                + "static_secret_access_key = \""
                + SECRET
                + "\"\nstatic_session_token = \""
                + SESSION_TOKEN
                + "\"\n");
    assertThat(c.iot().usesStaticCredentials()).isTrue();
    assertThat(c.iot().staticCredentials())
        .contains(new StaticCredentials("AKIAIOSFODNN7EXAMPLE", SECRET, SESSION_TOKEN));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "static_access_key_id = \"AKIAIOSFODNN7EXAMPLE\" | iot.static_secret_access_key is"
            + " missing; static_access_key_id and static_secret_access_key are set together",
        "static_secret_access_key = \"" + SECRET + "\" | iot.static_access_key_id is missing",
        "static_session_token = \""
            + SESSION_TOKEN
            + "\" | iot.static_session_token is set"
            + " without static_access_key_id",
      })
  void staticCredentialsComeAsAKeyIdAndSecretPair(String line, String message) {
    assertThatThrownBy(() -> parse("[iot]\n" + line))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("appliance.toml: " + message.trim())
        .hasMessageNotContaining(SECRET)
        .hasMessageNotContaining(SESSION_TOKEN);
  }

  @Test
  void secretsNeverAppearInToStringOrErrors() throws Exception {
    ApplianceConfig c =
        parse(
            "[iot]\nstatic_access_key_id = \"AKIAIOSFODNN7EXAMPLE\"\n"
                + "static_secret_access_key = \""
                + SECRET
                + "\"\nstatic_session_token = \""
                + SESSION_TOKEN
                + "\"\n[web]\nbind = \"0.0.0.0\"\ntoken = \""
                + WEB_TOKEN
                + "\"\n");
    assertThat(c.toString())
        .contains("AKIAIOSFODNN7EXAMPLE", "<redacted>")
        .doesNotContain(SECRET, SESSION_TOKEN, WEB_TOKEN);
    assertThat(c.web().token()).isEqualTo(WEB_TOKEN);
    assertThatThrownBy(
            () -> parse("[iot]\nstatic_secret_access_key = \"has space " + SECRET + "\""))
        .hasMessageContaining("iot.static_secret_access_key is malformed (value not shown)")
        .hasMessageNotContaining(SECRET);
    assertThatThrownBy(() -> parse("[web]\nbind = \"0.0.0.0\"\ntoken = \"short-secret\""))
        .hasMessageContaining("has 12 characters")
        .hasMessageNotContaining("short-secret");
  }

  @Test
  void aServerReachableFromTheNetworkNeedsALongToken() throws Exception {
    assertThatThrownBy(() -> parse("[web]\nbind = \"0.0.0.0\""))
        .hasMessageContaining(
            "appliance.toml: web.token is empty but web.bind = '0.0.0.0' is not a loopback"
                + " address")
        .hasMessageContaining("at least 16 characters");
    assertThatThrownBy(() -> parse("[web]\nbind = \"192.168.1.20\"\ntoken = \"fifteen-chars-x\""))
        .hasMessageContaining("web.token has 15 characters");
    assertThat(parse("[web]\nbind = \"192.168.1.20\"\ntoken = \"sixteen-chars-xx\"").web().bind())
        .isEqualTo("192.168.1.20");
    assertThat(parse("[web]\nbind = \"127.0.0.2\"").web().token()).isEmpty();
    assertThat(parse("[web]\nbind = \"::1\"").web().token()).isEmpty();
  }

  @Test
  void readsTheWebServerSettings() throws Exception {
    WebConfig w =
        parse(
                """
                [web]
                bind = "::"
                port = 443
                token = "0123456789abcdef"
                max_viewers = 64
                webrtc_udp_port = 50000
                webrtc_addresses = ["192.168.1.20", "fd00::20"]
                certificate_dir = "/data/webrtc"
                """)
            .web();
    assertThat(w)
        .isEqualTo(
            new WebConfig(
                "::",
                443,
                "0123456789abcdef",
                64,
                50000,
                List.of("192.168.1.20", "fd00::20"),
                java.nio.file.Path.of("/data/webrtc")));
  }

  @Test
  void uploadNeedsEveryIotSettingUnlessCredentialsAreStatic() throws Exception {
    String kvs = "[kvs]\nenabled = true\nstream_name = \"s\"\n";
    assertThatThrownBy(() -> parse(kvs))
        .hasMessageContaining(
            "appliance.toml: iot.credentials_endpoint is required when kvs.enabled = true, unless"
                + " iot.static_access_key_id and iot.static_secret_access_key are set");
    String almost = kvs + "[iot]\ncredentials_endpoint = \"h.example\"\nrole_alias = \"r\"\n";
    assertThatThrownBy(() -> parse(almost)).hasMessageContaining("iot.certificate is required");
    assertThat(parse(almost + iotFiles()).kvs().enabled()).isTrue();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "[kvs]\\nregion = \"us-west\" | kvs.region is 'us-west'; expected an AWS region",
        "[kvs]\\nregion = \"US-WEST-2\" | kvs.region is 'US-WEST-2'",
        "[kvs]\\nendpoint = \"ftp://h\" | kvs.endpoint is 'ftp://h'; expected http://HOST",
        "[kvs]\\nendpoint = \"localhost:4566\" | kvs.endpoint is 'localhost:4566'",
        "[kvs]\\nendpoint = \"http://a b\" | kvs.endpoint is 'http://a b', not a URI",
        "[kvs]\\nenabled = true | kvs.stream_name is required when kvs.enabled = true",
        "[kvs]\\nstream_name = \"my stream\" | kvs.stream_name is 'my stream'; expected 1 to 256",
        "[kvs]\\nretention_hours = 87601 | kvs.retention_hours is 87601; allowed 0 to 87600",
        "[kvs]\\nmedia_type = \"h264\" | kvs.media_type is 'h264'; expected a MIME type",
        "[kvs]\\nmedia_type = \"\" | kvs.media_type must not be empty",
        "[kvs]\\nconnection_staleness_seconds = 601 | kvs.connection_staleness_seconds is 601;"
            + " allowed 0 to 600",
        "[kvs]\\nmax_latency_seconds = -1 | kvs.max_latency_seconds is -1; allowed 0 to 3600",
        "[kvs]\\nrotation_minutes = 45 | kvs.rotation_minutes is 45; allowed 1 to 44",
        "[kvs]\\nrotation_minutes = 0 | kvs.rotation_minutes is 0; allowed 1 to 44",
        "[kvs]\\nrotation_margin_seconds = 4 | kvs.rotation_margin_seconds is 4; allowed 5 to 600",
        "[kvs]\\nbacklog_dir = \"\" | kvs.backlog_dir must not be empty",
        "[kvs]\\nbacklog_max_megabytes = -1 | kvs.backlog_max_megabytes is -1; allowed 0",
        "[kvs]\\ncreate_stream = 1 | kvs.create_stream must be true or false",
        "[kvs]\\nstreamname = \"x\" | kvs.streamname is not a known setting",
        "[iot]\\ncredentials_endpoint = \"https://h/\" | iot.credentials_endpoint is 'https://h/';"
            + " expected HOST or HOST:PORT",
        "[iot]\\nrole_alias = \"a b\" | iot.role_alias is 'a b'",
        "[iot]\\nthing_name = \"a.b\" | iot.thing_name is 'a.b'; expected 1 to 128",
        "[iot]\\nstatic_access_key_id = \"akia\" | iot.static_access_key_id is 'akia'",
        "[iot]\\nstatic_secret_access_key = 5 | iot.static_secret_access_key must be a string",
        "[iot]\\ncertificate = \"/nonexistent/device.pem\" | iot.certificate is"
            + " '/nonexistent/device.pem', which does not exist",
        "[iot]\\nca = \"/\" | iot.ca is '/', which is not a regular file",
        "[web]\\nbind = \"localhost\" | web.bind is 'localhost'; expected an IP address",
        "[web]\\nbind = \"300.1.1.1\" | web.bind is '300.1.1.1'",
        "[web]\\nport = 0 | web.port is 0; allowed 1 to 65535",
        "[web]\\nport = 65536 | web.port is 65536; allowed 1 to 65535",
        "[web]\\nmax_viewers = 65 | web.max_viewers is 65; allowed 1 to 64",
        "[web]\\nmax_viewers = 0 | web.max_viewers is 0; allowed 1 to 64",
        "[web]\\nwebrtc_udp_port = 70000 | web.webrtc_udp_port is 70000; allowed 1 to 65535",
        "[web]\\nwebrtc_addresses = [\"10.0.0.1\", \"cam.local\"] | web.webrtc_addresses [1] is"
            + " 'cam.local'; not an IP address",
        "[web]\\nwebrtc_addresses = \"10.0.0.1\" | web.webrtc_addresses must be an array",
        "[web]\\nwebrtc_addresses = [1] | web.webrtc_addresses [0] must be a string",
      })
  void rejectsABadSettingNamingTheFileTheKeyAndTheReason(String toml, String message) {
    assertThatThrownBy(() -> parse(toml.replace("\\n", "\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("appliance.toml: ")
        .hasMessageContaining(message.trim());
  }

  @Test
  void anUnreadableCertificateIsNamedWithItsPath(@TempDir Path dir) throws Exception {
    Path key = Files.writeString(dir.resolve("device.key"), "k");
    org.junit.jupiter.api.Assumptions.assumeTrue(key.toFile().setReadable(false, false));
    org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(key), "running as root");
    assertThatThrownBy(() -> parse("[iot]\nprivate_key = \"" + key + "\""))
        .hasMessageContaining("iot.private_key is '" + key + "', which this user cannot read");
  }
}
