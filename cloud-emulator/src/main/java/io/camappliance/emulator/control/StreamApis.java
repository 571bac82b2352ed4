package io.camappliance.emulator.control;

import static io.camappliance.emulator.control.Constraints.ARN;
import static io.camappliance.emulator.control.Constraints.NAME;
import static io.camappliance.emulator.control.Constraints.VERSION;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camappliance.emulator.streams.Arns;
import io.camappliance.emulator.streams.StreamInfo;
import io.camappliance.emulator.streams.StreamStore;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The stream APIs of the KVS control plane (KVS API reference §1). */
final class StreamApis {
  private static final String NOT_FOUND = "The requested stream is not found or not active.";

  private final StreamStore store;
  private final Supplier<URI> dataEndpoint;
  private final ObjectMapper json;

  StreamApis(StreamStore store, Supplier<URI> dataEndpoint, ObjectMapper json) {
    this.store = store;
    this.dataEndpoint = dataEndpoint;
    this.json = json;
  }

  ObjectNode createStream(Call call) {
    JsonRequest b = call.body;
    String name = b.string("StreamName", true, 1, 256, NAME);
    String device = b.string("DeviceName", false, 1, 128, NAME);
    String mediaType = b.string("MediaType", false, 1, 128, Constraints.MEDIA_TYPE);
    String kms = b.string("KmsKeyId", false, 1, 2048, Constraints.KMS_KEY_ID);
    long retention = b.integer("DataRetentionInHours", false, 0, Integer.MAX_VALUE, 0);
    Map<String, String> tags = tags(b, "Tags", false, 0);
    JsonRequest storage = b.object("StreamStorageConfiguration", false);
    if (storage != null) {
      storage.enumValue("DefaultStorageTier", true, List.of("HOT", "WARM"));
    }
    if (tags != null && tags.size() > Constraints.MAX_TAGS) {
      throw new ApiException(
          400,
          "TagsPerResourceExceededLimitException",
          "A stream can have at most "
              + Constraints.MAX_TAGS
              + " tags; "
              + tags.size()
              + " given.");
    }
    if (retention > StreamStore.MAX_RETENTION_HOURS) {
      throw ApiException.invalidArgument(
          "DataRetentionInHours "
              + retention
              + " is more than the maximum of "
              + StreamStore.MAX_RETENTION_HOURS
              + " hours.");
    }
    call.authorize("stream", name, null);
    StreamInfo info =
        store.createStream(
            name, device, mediaType, kms, (int) retention, tags == null ? Map.of() : tags);
    return json.createObjectNode().put("StreamARN", info.streamArn());
  }

  ObjectNode describeStream(Call call) {
    StreamInfo s = resolve(call);
    ObjectNode out = json.createObjectNode();
    out.set("StreamInfo", streamInfo(s));
    return out;
  }

  ObjectNode listStreams(Call call) {
    JsonRequest b = call.body;
    long max = b.integer("MaxResults", false, 1, 10_000, 10_000);
    String token = b.string("NextToken", false, 0, 1024, Constraints.NEXT_TOKEN);
    String prefix = null;
    JsonRequest condition = b.object("StreamNameCondition", false);
    if (condition != null) {
      condition.enumValue("ComparisonOperator", false, Constraints.COMPARISON_OPERATORS);
      prefix = condition.string("ComparisonValue", false, 1, 256, null);
    }
    call.authorize("stream", null, null);
    String after = Pagination.decode(token);
    ObjectNode out = json.createObjectNode();
    var list = out.putArray("StreamInfoList");
    String last = null;
    boolean more = false;
    for (StreamInfo s : store.streams()) {
      if ((after != null && s.streamName().compareTo(after) <= 0)
          || (prefix != null && !s.streamName().startsWith(prefix))) {
        continue;
      }
      if (list.size() == max) {
        more = true;
        break;
      }
      list.add(streamInfo(s));
      last = s.streamName();
    }
    if (more) {
      out.put("NextToken", Pagination.encode(last));
    }
    return out;
  }

  ObjectNode deleteStream(Call call) {
    JsonRequest b = call.body;
    String arn = b.string("StreamARN", true, 1, 1024, ARN);
    String version = b.string("CurrentVersion", false, 1, 64, VERSION);
    String name = Arns.name(arn);
    call.authorize("stream", name, arn);
    StreamInfo s = store.byArn(arn).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
    store.deleteStream(s.streamName(), version);
    return null;
  }

  ObjectNode updateDataRetention(Call call) {
    JsonRequest b = call.body;
    String version = b.string("CurrentVersion", true, 1, 64, VERSION);
    String operation = b.enumValue("Operation", true, Constraints.RETENTION_OPERATIONS);
    long change = b.integer("DataRetentionChangeInHours", true, 1, Integer.MAX_VALUE, 0);
    StreamInfo s = resolve(call);
    int signed = operation.equals("INCREASE_DATA_RETENTION") ? (int) change : (int) -change;
    store.updateDataRetention(s.streamName(), version, signed);
    return null;
  }

  ObjectNode updateStream(Call call) {
    JsonRequest b = call.body;
    String version = b.string("CurrentVersion", true, 1, 64, VERSION);
    String device = b.string("DeviceName", false, 1, 128, NAME);
    String mediaType = b.string("MediaType", false, 1, 128, Constraints.MEDIA_TYPE);
    StreamInfo s = resolve(call);
    store.updateStream(s.streamName(), version, device, mediaType);
    return null;
  }

  ObjectNode getDataEndpoint(Call call) {
    call.body.enumValue("APIName", true, Constraints.API_NAMES);
    resolve(call);
    String endpoint = dataEndpoint.get().toString();
    return json.createObjectNode().put("DataEndpoint", endpoint);
  }

  ObjectNode tagStream(Call call) {
    Map<String, String> tags = tags(call.body, "Tags", true, 1);
    if (tags.size() > Constraints.MAX_TAGS) {
      throw new ApiException(
          400,
          "TagsPerResourceExceededLimitException",
          "A stream can have at most "
              + Constraints.MAX_TAGS
              + " tags; "
              + tags.size()
              + " given.");
    }
    StreamInfo s = resolve(call);
    store.tagStream(s.streamName(), tags);
    return null;
  }

  ObjectNode listTagsForStream(Call call) {
    call.body.string("NextToken", false, 0, 1024, Constraints.NEXT_TOKEN);
    StreamInfo s = resolve(call);
    ObjectNode out = json.createObjectNode();
    ObjectNode tags = out.putObject("Tags");
    new TreeMap<>(store.streamTags(s.streamName())).forEach(tags::put);
    return out;
  }

  ObjectNode untagStream(Call call) {
    List<String> keys =
        call.body.stringList(
            "TagKeyList", true, 1, Constraints.MAX_TAGS, 1, 128, Constraints.TAG_KEY, null);
    StreamInfo s = resolve(call);
    store.untagStream(s.streamName(), keys);
    return null;
  }

  /**
   * The stream a call names by {@code StreamName} or {@code StreamARN}, after the credential's
   * scope is checked (IAM decides before the service looks the resource up).
   */
  private StreamInfo resolve(Call call) {
    JsonRequest b = call.body;
    String name = b.string("StreamName", false, 1, 256, NAME);
    String arn = b.string("StreamARN", false, 1, 1024, ARN);
    if (name == null && arn == null) {
      throw ApiException.invalidArgument("Either StreamName or StreamARN must be specified.");
    }
    String nameInArn = arn == null ? null : Arns.name(arn);
    if (name != null && arn != null && !name.equals(nameInArn)) {
      throw ApiException.invalidArgument(
          "StreamName " + name + " and StreamARN " + arn + " name different streams.");
    }
    call.authorize("stream", name != null ? name : nameInArn, arn);
    Optional<StreamInfo> s = arn != null ? store.byArn(arn) : store.byName(name);
    return s.orElseThrow(() -> ApiException.notFound(NOT_FOUND));
  }

  private static Map<String, String> tags(JsonRequest b, String field, boolean required, int min) {
    // Counts above the quota are reported as TagsPerResourceExceededLimitException by the caller.
    return b.stringMap(
        field, required, min, Integer.MAX_VALUE, 1, 128, Constraints.TAG_KEY, 0, 256);
  }

  private ObjectNode streamInfo(StreamInfo s) {
    ObjectNode o = json.createObjectNode();
    if (s.deviceName() != null) {
      o.put("DeviceName", s.deviceName());
    }
    o.put("StreamName", s.streamName());
    o.put("StreamARN", s.streamArn());
    if (s.mediaType() != null) {
      o.put("MediaType", s.mediaType());
    }
    if (s.kmsKeyId() != null) {
      o.put("KmsKeyId", s.kmsKeyId());
    }
    o.put("Version", s.version());
    o.put("Status", s.status());
    o.put("CreationTime", Timestamps.toJson(s.creationTime()));
    o.put("DataRetentionInHours", s.dataRetentionInHours());
    return o;
  }
}
