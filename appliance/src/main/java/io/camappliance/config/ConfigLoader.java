package io.camappliance.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code appliance.toml} into an {@link ApplianceConfig}; every setting has a default. */
public final class ConfigLoader {
  private static final Set<String> SECTIONS =
      Set.of("camera", "fragments", "store", "recording", "kvs", "iot", "web");

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
  private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,256}");
  // KVS CreateStream MediaType: comma-separated type/subtype pairs, at most 128 characters.
  private static final Pattern MEDIA_TYPE =
      Pattern.compile("(?=.{1,128}$)[\\w.+-]+/[\\w.+-]+(,[\\w.+-]+/[\\w.+-]+)*");
  // The same shapes the IoT credentials provider accepts (IoT reference §1.1).
  private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.-]+(:\\d{1,5})?");
  private static final Pattern ROLE_ALIAS = Pattern.compile("[\\w=,@-]{1,128}");
  private static final Pattern THING_NAME = Pattern.compile("[a-zA-Z0-9:_-]{1,128}");
  private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z0-9]{16,128}");
  private static final Pattern SECRET = Pattern.compile("\\S{1,4096}");

  private ConfigLoader() {}

  public static ApplianceConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such configuration file");
    } catch (IOException e) {
      throw new ConfigException(
          file + ": cannot read the configuration file: " + e.getMessage(), e);
    }
    return parse(file.toString(), text);
  }

  /**
   * Parses TOML text.
   *
   * @param name names the source in error messages
   */
  public static ApplianceConfig parse(String name, String toml) throws ConfigException {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(toml);
    } catch (IOException e) {
      throw new ConfigException(name + ": not valid TOML: " + e.getMessage(), e);
    }
    if (root == null) {
      return ApplianceConfig.DEFAULTS;
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!SECTIONS.contains(key) || !root.get(key).isObject()) {
        throw new ConfigException(
            name + ": '" + key + "' is not a known section; known: " + SECTIONS);
      }
    }
    CameraConfig camera = camera(new Section(name, "camera", root.get("camera")));
    FragmentConfig fragments = fragments(new Section(name, "fragments", root.get("fragments")));
    StoreConfig store = store(new Section(name, "store", root.get("store")));
    RecordingConfig recording = recording(new Section(name, "recording", root.get("recording")));
    KvsConfig kvs = kvs(new Section(name, "kvs", root.get("kvs")));
    Section iotSection = new Section(name, "iot", root.get("iot"));
    IotConfig iot = iot(iotSection, kvs);
    WebConfig web = web(new Section(name, "web", root.get("web")));
    ApplianceConfig c = new ApplianceConfig(camera, fragments, store, recording, kvs, iot, web);
    checkAcrossSections(name, c, iotSection);
    return c;
  }

  /** Rules that involve more than one section. */
  private static void checkAcrossSections(String name, ApplianceConfig c, Section iotSection)
      throws ConfigException {
    KvsConfig kvs = c.kvs();
    IotConfig iot = c.iot();
    if (!kvs.enabled()) {
      return;
    }
    if (kvs.streamName().isEmpty()) {
      throw new ConfigException(
          name
              + ": kvs.stream_name is required when kvs.enabled = true; set the stream to upload to");
    }
    // Static credentials stand in for the whole IoT exchange.
    if (iot.usesStaticCredentials()) {
      return;
    }
    requireForIot(iotSection, "credentials_endpoint", iot.credentialsEndpoint().isEmpty());
    requireForIot(iotSection, "role_alias", iot.roleAlias().isEmpty());
    requireForIot(iotSection, "certificate", iot.certificate().isEmpty());
    requireForIot(iotSection, "private_key", iot.privateKey().isEmpty());
    requireForIot(iotSection, "ca", iot.ca().isEmpty());
    if (!THING_NAME.matcher(iot.thingName()).matches()) {
      throw iotSection.error(
          "thing_name",
          "is '"
              + iot.thingName()
              + "' (kvs.stream_name when not set); a thing name is 1 to 128 of [a-zA-Z0-9:_-],"
              + " so set iot.thing_name");
    }
  }

  private static void requireForIot(Section iot, String key, boolean missing)
      throws ConfigException {
    if (missing) {
      throw iot.error(
          key,
          "is required when kvs.enabled = true, unless iot.static_access_key_id and"
              + " iot.static_secret_access_key are set");
    }
  }

  private static CameraConfig camera(Section s) throws ConfigException {
    CameraConfig d = CameraConfig.DEFAULTS;
    String source = s.string("source", d.source());
    if (!(source.equals("auto")
        || source.equals("test-pattern")
        || source.equals("test-pattern:noise")
        || source.equals("libcamera")
        || (source.startsWith("v4l2:/dev/") && source.length() > "v4l2:/dev/".length())
        || (source.startsWith("file:") && source.length() > "file:".length()))) {
      throw s.error(
          "source",
          "is '"
              + source
              + "'; use auto, test-pattern, test-pattern:noise, libcamera, v4l2:/dev/videoN or"
              + " file:PATH");
    }
    CameraConfig c =
        new CameraConfig(
            source,
            (int) s.integer("width", d.width(), 64, 4096),
            (int) s.integer("height", d.height(), 64, 2304),
            (int) s.integer("fps", d.fps(), 1, 120),
            (int) s.integer("bitrate_kbps", d.bitrateKbps(), 100, 50_000),
            (int) s.integer("gop_seconds", d.gopSeconds(), 1, 10),
            s.bool("realtime", d.realtime()),
            s.bool("loop", d.loop()));
    if (c.width() % 2 != 0 || c.height() % 2 != 0) {
      throw s.error(
          "width", "and height must be even for 4:2:0 video, got " + c.width() + "x" + c.height());
    }
    s.checkNoUnknownKeys();
    return c;
  }

  private static FragmentConfig fragments(Section s) throws ConfigException {
    FragmentConfig d = FragmentConfig.DEFAULTS;
    long min = s.integer("min_duration_ms", d.minDurationMillis(), 0, 10_000);
    long max = s.integer("max_duration_ms", d.maxDurationMillis(), 1_000, 14_000);
    if (max < min) {
      throw s.error(
          "max_duration_ms", "(" + max + ") is below fragments.min_duration_ms (" + min + ")");
    }
    s.checkNoUnknownKeys();
    return new FragmentConfig(min, max);
  }

  private static StoreConfig store(Section s) throws ConfigException {
    StoreConfig d = StoreConfig.DEFAULTS;
    StoreConfig c =
        new StoreConfig(
            (int) s.integer("max_megabytes", d.maxMegabytes(), 4, 1024),
            (int) s.integer("max_duration_seconds", d.maxDurationSeconds(), 10, 3600));
    s.checkNoUnknownKeys();
    return c;
  }

  private static RecordingConfig recording(Section s) throws ConfigException {
    RecordingConfig d = RecordingConfig.DEFAULTS;
    RecordingConfig c =
        new RecordingConfig(
            s.bool("enabled", d.enabled()),
            Path.of(s.string("directory", d.directory().toString())),
            (int) s.integer("segment_seconds", d.segmentSeconds(), 10, 3600),
            (int) s.integer("retention_hours", d.retentionHours(), 1, 720),
            s.integer("max_local_media_mb", d.maxLocalMediaMegabytes(), 64, 2_000_000),
            s.oneOf(
                "strategy_on_full_size",
                d.strategyOnFullSize(),
                Set.of("DELETE_OLDEST_MEDIA", "DENY_NEW_MEDIA")));
    s.checkNoUnknownKeys();
    return c;
  }

  private static KvsConfig kvs(Section s) throws ConfigException {
    KvsConfig d = KvsConfig.DEFAULTS;
    boolean enabled = s.bool("enabled", d.enabled());
    String region = s.string("region", d.region());
    if (!REGION.matcher(region).matches()) {
      throw s.error("region", "is '" + region + "'; expected an AWS region such as us-west-2");
    }
    Optional<URI> endpoint = endpoint(s);
    KvsConfig c =
        new KvsConfig(
            enabled,
            region,
            endpoint,
            s.matching("stream_name", d.streamName(), STREAM_NAME, "1 to 256 of [a-zA-Z0-9_.-]"),
            s.bool("create_stream", d.createStream()),
            (int) s.integer("retention_hours", d.retentionHours(), 0, 87_600),
            s.matching("media_type", d.mediaType(), MEDIA_TYPE, "a MIME type such as video/h264"),
            (int) s.integer("connection_staleness_seconds", d.connectionStalenessSeconds(), 0, 600),
            (int) s.integer("max_latency_seconds", d.maxLatencySeconds(), 0, 3600),
            (int) s.integer("rotation_minutes", d.rotationMinutes(), 1, 44),
            (int) s.integer("rotation_margin_seconds", d.rotationMarginSeconds(), 5, 600),
            Path.of(s.string("backlog_dir", d.backlogDir().toString())),
            s.integer("backlog_max_megabytes", d.backlogMaxMegabytes(), 0, 2_000_000));
    if (c.mediaType().isEmpty()) {
      throw s.error("media_type", "must not be empty; the default is " + d.mediaType());
    }
    if (c.backlogDir().toString().isEmpty()) {
      throw s.error("backlog_dir", "must not be empty; the default is " + d.backlogDir());
    }
    s.checkNoUnknownKeys();
    return c;
  }

  private static Optional<URI> endpoint(Section s) throws ConfigException {
    String text = s.string("endpoint", "");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw s.error("endpoint", "is '" + text + "', not a URI: " + e.getReason());
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw s.error(
          "endpoint",
          "is '" + text + "'; expected http://HOST[:PORT] or https://HOST[:PORT], or empty");
    }
    return Optional.of(uri);
  }

  private static IotConfig iot(Section s, KvsConfig kvs) throws ConfigException {
    String endpoint =
        s.matching(
            "credentials_endpoint",
            "",
            HOST_PORT,
            "HOST or HOST:PORT of the credentials provider, without https:// or a path");
    String roleAlias = s.matching("role_alias", "", ROLE_ALIAS, "1 to 128 of [\\w=,@-]");
    String thingName = s.matching("thing_name", "", THING_NAME, "1 to 128 of [a-zA-Z0-9:_-]");
    Optional<Path> certificate = s.readableFile("certificate");
    Optional<Path> privateKey = s.readableFile("private_key");
    Optional<Path> ca = s.readableFile("ca");
    String keyId = s.matching("static_access_key_id", "", ACCESS_KEY_ID, "16 to 128 of [A-Z0-9]");
    String secret =
        s.secret("static_secret_access_key", SECRET, "no spaces, at most 4096 characters");
    String token = s.secret("static_session_token", SECRET, "no spaces, at most 4096 characters");
    if (keyId.isEmpty() != secret.isEmpty()) {
      throw s.error(
          keyId.isEmpty() ? "static_access_key_id" : "static_secret_access_key",
          "is missing; static_access_key_id and static_secret_access_key are set together or"
              + " not at all");
    }
    if (keyId.isEmpty() && !token.isEmpty()) {
      throw s.error(
          "static_session_token",
          "is set without static_access_key_id and static_secret_access_key");
    }
    s.checkNoUnknownKeys();
    return new IotConfig(
        endpoint,
        roleAlias,
        // kvssink's rule: the thing is named after the stream unless told otherwise.
        thingName.isEmpty() ? kvs.streamName() : thingName,
        certificate,
        privateKey,
        ca,
        keyId.isEmpty()
            ? Optional.empty()
            : Optional.of(new StaticCredentials(keyId, secret, token)));
  }

  private static WebConfig web(Section s) throws ConfigException {
    WebConfig d = WebConfig.DEFAULTS;
    String bind = s.string("bind", d.bind());
    InetAddress bindAddress = IpLiteral.parse(bind);
    if (bindAddress == null) {
      throw s.error(
          "bind", "is '" + bind + "'; expected an IP address such as 127.0.0.1 or 0.0.0.0");
    }
    String token = s.secret("token", Pattern.compile("\\S+"), "no spaces");
    if (!bindAddress.isLoopbackAddress() && token.length() < WebConfig.MIN_TOKEN_LENGTH) {
      throw s.error(
          "token",
          (token.isEmpty() ? "is empty" : "has " + token.length() + " characters")
              + " but web.bind = '"
              + bind
              + "' is not a loopback address: anyone on the network could watch, so set a"
              + " token of at least "
              + WebConfig.MIN_TOKEN_LENGTH
              + " characters (or bind to 127.0.0.1)");
    }
    WebConfig c =
        new WebConfig(
            bind,
            (int) s.integer("port", d.port(), 1, 65_535),
            token,
            (int) s.integer("max_viewers", d.maxViewers(), 1, 64),
            (int) s.integer("webrtc_udp_port", d.webrtcUdpPort(), 1, 65_535),
            s.strings("webrtc_addresses", d.webrtcAddresses(), IpLiteral::problem),
            Path.of(s.string("certificate_dir", d.certificateDir().toString())));
    if (c.certificateDir().toString().isEmpty()) {
      throw s.error("certificate_dir", "must not be empty; the default is " + d.certificateDir());
    }
    s.checkNoUnknownKeys();
    return c;
  }
}
