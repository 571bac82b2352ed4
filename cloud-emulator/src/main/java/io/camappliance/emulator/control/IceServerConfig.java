package io.camappliance.emulator.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camappliance.emulator.streams.Arns;
import io.camappliance.emulator.streams.StreamStore;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * GetIceServerConfig, {@code POST /v1/get-ice-server-config} on the channel's HTTPS endpoint (KVS
 * API reference §2.5). Answers one TURN server on the emulator's host with fresh credentials:
 *
 * <pre>
 * {"IceServerList":[{"Uris":["turn:127.0.0.1:3478?transport=udp",
 *                            "turn:127.0.0.1:3478?transport=tcp",
 *                            "turns:127.0.0.1:5349?transport=tcp"],
 *                    "Username":"1700000300.cam-0001.Xy…","Password":"…","Ttl":300}]}
 * </pre>
 *
 * The ports are TURN's registered defaults (RFC 8656: 3478, and 5349 over TLS); a TURN relay on
 * them is not part of this API. The username carries the expiry as epoch seconds, the style of TURN
 * REST credentials; username and password match the service's {@code [a-zA-Z0-9_.-]+}.
 */
final class IceServerConfig {
  /** Lifetime of the TURN credentials, the service's usual answer. */
  static final int TTL_SECONDS = 300;

  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final StreamStore store;
  private final Supplier<URI> endpoint;
  private final ObjectMapper json;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  IceServerConfig(StreamStore store, Supplier<URI> endpoint, ObjectMapper json, Clock clock) {
    this.store = store;
    this.endpoint = endpoint;
    this.json = json;
    this.clock = clock;
  }

  ObjectNode getIceServerConfig(Call call) {
    JsonRequest b = call.body;
    String arn = b.string("ChannelARN", true, 1, 1024, null);
    b.string("ClientId", false, 1, 256, Constraints.NAME);
    b.enumValue("Service", false, List.of("TURN"));
    b.string("Username", false, 1, 256, Constraints.NAME);
    String name = Arns.name(arn);
    call.authorize("channel", name, arn);
    store
        .channelByArn(arn)
        .orElseThrow(
            () -> ApiException.notFound("The requested channel is not found or not active."));
    String host = endpoint.get().getHost();
    long expiry = clock.instant().getEpochSecond() + TTL_SECONDS;
    ObjectNode out = json.createObjectNode();
    ArrayNode servers = out.putArray("IceServerList");
    ObjectNode server = servers.addObject();
    server.put("Password", randomText(32));
    server.put("Ttl", TTL_SECONDS);
    ArrayNode uris = server.putArray("Uris");
    uris.add("turn:" + host + ":3478?transport=udp");
    uris.add("turn:" + host + ":3478?transport=tcp");
    uris.add("turns:" + host + ":5349?transport=tcp");
    server.put("Username", expiry + "." + name + "." + randomText(8));
    return out;
  }

  private String randomText(int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return new String(c);
  }
}
