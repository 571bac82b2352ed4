package io.camappliance.emulator.control;

import java.util.List;
import java.util.regex.Pattern;

/** Field constraints of the KVS control-plane model (KVS API reference §0, §1, §2, §8). */
final class Constraints {
  static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
  static final Pattern ARN =
      Pattern.compile(
          "arn:[a-z\\d-]+:kinesisvideo:[a-z0-9-]+:[0-9]+:[a-z]+/[a-zA-Z0-9_.-]+/[0-9]+");
  static final Pattern VERSION = Pattern.compile("[a-zA-Z0-9]+");
  static final Pattern MEDIA_TYPE =
      Pattern.compile("[\\w\\-\\.\\+]+/[\\w\\-\\.\\+]+(,[\\w\\-\\.\\+]+/[\\w\\-\\.\\+]+)*");
  static final Pattern KMS_KEY_ID = Pattern.compile(".+", Pattern.DOTALL);
  static final Pattern TAG_KEY = Pattern.compile("^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");
  static final Pattern NEXT_TOKEN = Pattern.compile("[a-zA-Z0-9+/=]*");

  static final int MAX_TAGS = 50;

  static final List<String> API_NAMES =
      List.of(
          "PUT_MEDIA",
          "GET_MEDIA",
          "LIST_FRAGMENTS",
          "GET_MEDIA_FOR_FRAGMENT_LIST",
          "GET_HLS_STREAMING_SESSION_URL",
          "GET_DASH_STREAMING_SESSION_URL",
          "GET_CLIP",
          "GET_IMAGES");
  static final List<String> RETENTION_OPERATIONS =
      List.of("INCREASE_DATA_RETENTION", "DECREASE_DATA_RETENTION");
  static final List<String> COMPARISON_OPERATORS = List.of("BEGINS_WITH");
  static final List<String> CHANNEL_TYPES = List.of("SINGLE_MASTER", "FULL_MESH");
  static final List<String> PROTOCOLS = List.of("WSS", "HTTPS", "WEBRTC");
  static final List<String> ROLES = List.of("MASTER", "VIEWER");

  private Constraints() {}
}
