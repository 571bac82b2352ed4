package io.camappliance.emulator.putmedia;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * An error answered before the 200 (kvs-putmedia.md §7): status, {@code x-amzn-ErrorType}, {@code
 * x-amzn-RequestId} and a JSON body {@code {"Message":"..."}}.
 */
record ServiceError(int status, String errorType, String message) {

  static ServiceError invalidArgument(String message) {
    return new ServiceError(400, "InvalidArgumentException", message);
  }

  static ServiceError notFound() {
    return new ServiceError(
        404, "ResourceNotFoundException", "The requested stream is not found or not active.");
  }

  void writeTo(HttpServletResponse res) throws IOException {
    res.setStatus(status);
    res.setHeader("x-amzn-ErrorType", errorType);
    res.setHeader("x-amzn-RequestId", UUID.randomUUID().toString());
    res.setContentType("application/json");
    byte[] body =
        ("{\"Message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    res.setContentLength(body.length);
    res.getOutputStream().write(body);
    res.getOutputStream().flush();
  }
}
