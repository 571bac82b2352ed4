package io.camappliance.emulator.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camappliance.emulator.auth.AuthFailure;
import io.javalin.http.Context;
import java.util.UUID;

/**
 * A KVS error answer (REST-JSON, KVS API reference §0.1):
 *
 * <pre>
 * HTTP/1.1 404 Not Found
 * x-amzn-RequestId: 2591194d-f8ef-44d7-921f-6fe3d6464ffb
 * x-amzn-ErrorType: ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.kinesis.video/
 * Content-Type: application/json
 *
 * {"Message":"The requested stream is not found or not active."}
 * </pre>
 *
 * The SDKs take the error name from the header, up to the colon. Bodies say {@code Message}, except
 * the signaling exceptions {@code InvalidClientException} and {@code SessionExpiredException},
 * which say {@code message}.
 */
public final class ErrorResponse {
  /** What follows the error name in {@code x-amzn-ErrorType}. */
  public static final String NAMESPACE =
      "http://internal.amazon.com/coral/com.amazonaws.kinesis.video/";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorResponse() {}

  public static void send(Context ctx, int status, String errorType, String message) {
    ObjectNode body = JSON.createObjectNode();
    boolean lowerCase =
        errorType.equals("InvalidClientException") || errorType.equals("SessionExpiredException");
    body.put(lowerCase ? "message" : "Message", message);
    ctx.status(status);
    ctx.header("x-amzn-RequestId", requestId());
    ctx.header("x-amzn-ErrorType", errorType + ":" + NAMESPACE);
    ctx.contentType("application/json");
    ctx.result(body.toString());
  }

  public static void send(Context ctx, AuthFailure failure) {
    send(ctx, failure.status(), failure.errorType(), failure.message());
  }

  static String requestId() {
    return UUID.randomUUID().toString();
  }
}
