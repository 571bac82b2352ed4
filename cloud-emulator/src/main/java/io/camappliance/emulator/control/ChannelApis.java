package io.camappliance.emulator.control;

import static io.camappliance.emulator.control.Constraints.ARN;
import static io.camappliance.emulator.control.Constraints.NAME;
import static io.camappliance.emulator.control.Constraints.VERSION;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camappliance.emulator.streams.Arns;
import io.camappliance.emulator.streams.ChannelInfo;
import io.camappliance.emulator.streams.StreamStore;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The signaling-channel APIs of the KVS control plane (KVS API reference §2).
 *
 * <p>GetSignalingChannelEndpoint answers with the emulator itself for every protocol and role:
 * {@code WSS} becomes the emulator's endpoint with a WebSocket scheme ({@code ws://} over plain
 * HTTP, {@code wss://} over TLS), {@code HTTPS} and {@code WEBRTC} the endpoint as it is. The real
 * service hands out separate hosts per role; one local port serves both, and the WebSocket
 * handshake tells master from viewer by {@code X-Amz-ClientId}. The scheme follows the emulator's
 * transport so that the URL a client receives is one it can actually connect to.
 */
final class ChannelApis {
  private static final String NOT_FOUND = "The requested channel is not found or not active.";

  private final StreamStore store;
  private final Supplier<URI> endpoint;
  private final ObjectMapper json;

  ChannelApis(StreamStore store, Supplier<URI> endpoint, ObjectMapper json) {
    this.store = store;
    this.endpoint = endpoint;
    this.json = json;
  }

  ObjectNode createSignalingChannel(Call call) {
    JsonRequest b = call.body;
    String name = b.string("ChannelName", true, 1, 256, NAME);
    String type = b.enumValue("ChannelType", false, Constraints.CHANNEL_TYPES);
    JsonRequest single = b.object("SingleMasterConfiguration", false);
    long ttl = single == null ? 60 : single.integer("MessageTtlSeconds", false, 5, 120, 60);
    List<JsonRequest> tagList = b.objectList("Tags", false, 0, Integer.MAX_VALUE);
    Map<String, String> tags = new LinkedHashMap<>();
    if (tagList != null) {
      for (JsonRequest t : tagList) {
        tags.put(
            t.string("Key", true, 1, 128, Constraints.TAG_KEY),
            t.string("Value", true, 0, 256, null));
      }
      if (tagList.size() > Constraints.MAX_TAGS) {
        throw new ApiException(
            400,
            "TagsPerResourceExceededLimitException",
            "A channel can have at most "
                + Constraints.MAX_TAGS
                + " tags; "
                + tagList.size()
                + " given.");
      }
    }
    if ("FULL_MESH".equals(type)) {
      throw ApiException.invalidArgument(
          "ChannelType FULL_MESH is not supported; use SINGLE_MASTER.");
    }
    call.authorize("channel", name, null);
    ChannelInfo c = store.createChannel(name, "SINGLE_MASTER", (int) ttl, tags);
    return json.createObjectNode().put("ChannelARN", c.channelArn());
  }

  ObjectNode describeSignalingChannel(Call call) {
    JsonRequest b = call.body;
    String name = b.string("ChannelName", false, 1, 256, NAME);
    String arn = b.string("ChannelARN", false, 1, 1024, ARN);
    if (name == null && arn == null) {
      throw ApiException.invalidArgument("Either ChannelName or ChannelARN must be specified.");
    }
    String nameInArn = arn == null ? null : Arns.name(arn);
    if (name != null && arn != null && !name.equals(nameInArn)) {
      throw ApiException.invalidArgument(
          "ChannelName " + name + " and ChannelARN " + arn + " name different channels.");
    }
    call.authorize("channel", name != null ? name : nameInArn, arn);
    Optional<ChannelInfo> c = arn != null ? store.channelByArn(arn) : store.channelByName(name);
    ObjectNode out = json.createObjectNode();
    out.set("ChannelInfo", channelInfo(c.orElseThrow(() -> ApiException.notFound(NOT_FOUND))));
    return out;
  }

  ObjectNode getSignalingChannelEndpoint(Call call) {
    JsonRequest b = call.body;
    String arn = b.string("ChannelARN", true, 1, 1024, ARN);
    JsonRequest config = b.object("SingleMasterChannelEndpointConfiguration", false);
    List<String> protocols = null;
    if (config != null) {
      protocols =
          config.stringList(
              "Protocols", false, 1, 5, 0, 16, null, Set.copyOf(Constraints.PROTOCOLS));
      config.enumValue("Role", false, Constraints.ROLES);
    }
    if (protocols == null) {
      protocols = List.of("WSS", "HTTPS");
    }
    byArn(call, arn);
    URI e = endpoint.get();
    String ws =
        (e.getScheme().equals("https") ? "wss" : "ws")
            + e.toString().substring(e.getScheme().length());
    ObjectNode out = json.createObjectNode();
    ArrayNode list = out.putArray("ResourceEndpointList");
    for (String p : new LinkedHashSet<>(protocols)) {
      list.addObject()
          .put("Protocol", p)
          .put("ResourceEndpoint", p.equals("WSS") ? ws : e.toString());
    }
    return out;
  }

  ObjectNode deleteSignalingChannel(Call call) {
    JsonRequest b = call.body;
    String arn = b.string("ChannelARN", true, 1, 1024, ARN);
    String version = b.string("CurrentVersion", false, 1, 64, VERSION);
    ChannelInfo c = byArn(call, arn);
    store.deleteChannel(c.channelName(), version);
    return null;
  }

  ObjectNode listSignalingChannels(Call call) {
    JsonRequest b = call.body;
    long max = b.integer("MaxResults", false, 1, 10_000, 500);
    String token = b.string("NextToken", false, 0, 512, Constraints.NEXT_TOKEN);
    String prefix = null;
    JsonRequest condition = b.object("ChannelNameCondition", false);
    if (condition != null) {
      condition.enumValue("ComparisonOperator", false, Constraints.COMPARISON_OPERATORS);
      prefix = condition.string("ComparisonValue", false, 1, 256, null);
    }
    call.authorize("channel", null, null);
    String after = Pagination.decode(token);
    ObjectNode out = json.createObjectNode();
    ArrayNode list = out.putArray("ChannelInfoList");
    String last = null;
    boolean more = false;
    for (ChannelInfo c : store.channels()) {
      if ((after != null && c.channelName().compareTo(after) <= 0)
          || (prefix != null && !c.channelName().startsWith(prefix))) {
        continue;
      }
      if (list.size() == max) {
        more = true;
        break;
      }
      list.add(channelInfo(c));
      last = c.channelName();
    }
    if (more) {
      out.put("NextToken", Pagination.encode(last));
    }
    return out;
  }

  /** The channel behind an ARN, after the scope check; 404 when there is none. */
  ChannelInfo byArn(Call call, String arn) {
    call.authorize("channel", Arns.name(arn), arn);
    return store.channelByArn(arn).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
  }

  private ObjectNode channelInfo(ChannelInfo c) {
    ObjectNode o = json.createObjectNode();
    o.put("ChannelName", c.channelName());
    o.put("ChannelARN", c.channelArn());
    o.put("ChannelType", c.channelType());
    o.put("ChannelStatus", c.status());
    o.put("CreationTime", Timestamps.toJson(c.creationTime()));
    o.putObject("SingleMasterConfiguration").put("MessageTtlSeconds", c.messageTtlSeconds());
    o.put("Version", c.version());
    return o;
  }
}
