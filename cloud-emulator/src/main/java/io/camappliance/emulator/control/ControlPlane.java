package io.camappliance.emulator.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camappliance.emulator.sigv4.SigV4Verifier;
import io.camappliance.emulator.sigv4.SignedRequest;
import io.camappliance.emulator.sigv4.ThingScope;
import io.camappliance.emulator.sigv4.Verification;
import io.camappliance.emulator.streams.StoreException;
import io.camappliance.emulator.streams.StreamStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KVS control plane over REST-JSON (KVS API reference §0–§2): {@code POST /createStream} and
 * the other stream, tag and signaling-channel operations, plus GetIceServerConfig. Every request is
 * SigV4-checked (payload hash from {@code x-amz-content-sha256}, else the SHA-256 of the body),
 * then its body validated, then the credential's scope checked, then the operation run. Refusals
 * are the service's error answers ({@link ErrorResponse}).
 */
public final class ControlPlane {
  private static final Logger log = LoggerFactory.getLogger(ControlPlane.class);

  private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final SigV4Verifier verifier;
  private final ThingScope scope;
  private final ObjectMapper json = new ObjectMapper();
  private final StreamApis streams;
  private final ChannelApis channels;
  private final IceServerConfig ice;

  /**
   * @param endpoint the emulator's own endpoint ({@code http://127.0.0.1:PORT}), returned by
   *     GetDataEndpoint and GetSignalingChannelEndpoint; read per call, as the port is known only
   *     once the server runs
   */
  public ControlPlane(
      StreamStore store,
      SigV4Verifier verifier,
      ThingScope scope,
      Supplier<URI> endpoint,
      Clock clock) {
    this.verifier = verifier;
    this.scope = scope;
    this.streams = new StreamApis(store, endpoint, json);
    this.channels = new ChannelApis(store, endpoint, json);
    this.ice = new IceServerConfig(store, endpoint, json, clock);
  }

  /** Registers every operation's route. */
  public void register(Javalin app) {
    route(app, "/createStream", "CreateStream", streams::createStream);
    route(app, "/describeStream", "DescribeStream", streams::describeStream);
    route(app, "/listStreams", "ListStreams", streams::listStreams);
    route(app, "/deleteStream", "DeleteStream", streams::deleteStream);
    route(app, "/updateStream", "UpdateStream", streams::updateStream);
    route(app, "/updateDataRetention", "UpdateDataRetention", streams::updateDataRetention);
    route(app, "/getDataEndpoint", "GetDataEndpoint", streams::getDataEndpoint);
    route(app, "/tagStream", "TagStream", streams::tagStream);
    route(app, "/listTagsForStream", "ListTagsForStream", streams::listTagsForStream);
    route(app, "/untagStream", "UntagStream", streams::untagStream);
    route(
        app, "/createSignalingChannel", "CreateSignalingChannel", channels::createSignalingChannel);
    route(
        app,
        "/describeSignalingChannel",
        "DescribeSignalingChannel",
        channels::describeSignalingChannel);
    route(
        app,
        "/getSignalingChannelEndpoint",
        "GetSignalingChannelEndpoint",
        channels::getSignalingChannelEndpoint);
    route(
        app, "/deleteSignalingChannel", "DeleteSignalingChannel", channels::deleteSignalingChannel);
    route(app, "/listSignalingChannels", "ListSignalingChannels", channels::listSignalingChannels);
    route(app, "/v1/get-ice-server-config", "GetIceServerConfig", ice::getIceServerConfig);
  }

  private void route(Javalin app, String path, String action, Function<Call, ObjectNode> op) {
    app.post(path, ctx -> handle(ctx, action, op));
  }

  private void handle(Context ctx, String action, Function<Call, ObjectNode> op) {
    byte[] body = ctx.bodyAsBytes();
    SignedRequest signed = SignedRequest.of(ctx, "");
    String declared = SigV4Verifier.declaredPayloadHash(signed);
    String bodyHash = SigV4Verifier.sha256Hex(body);
    String payloadHash = declared != null ? declared : bodyHash;
    if (declared != null && HEX_SHA256.matcher(declared).matches() && !declared.equals(bodyHash)) {
      ErrorResponse.send(
          ctx,
          400,
          "InvalidSignatureException",
          "The provided 'x-amz-content-sha256' header "
              + declared
              + " does not match what was computed: "
              + bodyHash);
      return;
    }
    Verification v =
        verifier.verify(
            new SignedRequest(
                signed.method(),
                signed.rawPath(),
                signed.rawQuery(),
                signed.headers(),
                payloadHash));
    if (!v.ok()) {
      ErrorResponse.send(ctx, v.failure());
      return;
    }
    try {
      ObjectNode result = op.apply(new Call(action, v.credential(), parse(body), scope));
      ctx.status(200);
      ctx.header("x-amzn-RequestId", ErrorResponse.requestId());
      ctx.contentType("application/json");
      ctx.result(result == null ? "{}" : json.writeValueAsString(result));
    } catch (ApiException e) {
      ErrorResponse.send(ctx, e.status, e.errorType, e.getMessage());
    } catch (StoreException e) {
      ErrorResponse.send(ctx, status(e.kind()), errorType(e.kind()), e.getMessage());
    } catch (RuntimeException | JsonProcessingException e) {
      log.error("{} failed", action, e);
      ErrorResponse.send(ctx, 500, "InternalFailure", "Internal failure: " + e);
    }
  }

  private JsonRequest parse(byte[] body) {
    if (body.length == 0) {
      return new JsonRequest(json.createObjectNode(), "");
    }
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.invalidArgument(
          "The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.invalidArgument("The request body cannot be read: " + e.getMessage());
    }
    if (node == null || node.isMissingNode()) {
      return new JsonRequest(json.createObjectNode(), "");
    }
    if (!node.isObject()) {
      throw ApiException.invalidArgument(
          "The request body must be a JSON object, got " + node.getNodeType());
    }
    return new JsonRequest((ObjectNode) node, "");
  }

  private static int status(StoreException.Kind kind) {
    return kind == StoreException.Kind.NOT_FOUND ? 404 : 400;
  }

  private static String errorType(StoreException.Kind kind) {
    return switch (kind) {
      case ALREADY_EXISTS -> "ResourceInUseException";
      case NOT_FOUND -> "ResourceNotFoundException";
      case VERSION_MISMATCH -> "VersionMismatchException";
      case TAG_LIMIT -> "TagsPerResourceExceededLimitException";
      case OUT_OF_RANGE -> "InvalidArgumentException";
    };
  }
}
