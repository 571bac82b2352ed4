package io.camappliance.kvs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PutMediaExceptionTest {

  @ParameterizedTest
  @CsvSource({
    "400, ClientLimitExceededException, THROTTLED",
    "400, ConnectionLimitExceededException, THROTTLED",
    "400, InvalidArgumentException, STREAM_STOPPED",
    "400, InvalidEndpointException, RECONNECT",
    "401, NotAuthorizedException, AUTH",
    "403, AccessDeniedException, AUTH",
    "403, InvalidSignatureException, AUTH",
    "403, UnrecognizedClientException, AUTH",
    "403, ExpiredTokenException, AUTH",
    "400, RequestExpired, AUTH",
    "404, ResourceNotFoundException, STREAM_STOPPED",
    "500, InternalFailure, RECONNECT",
    "503, '', RECONNECT",
    "504, '', RECONNECT",
    "408, '', RECONNECT",
    "400, '', RECONNECT",
    "401, '', AUTH",
    "403, '', AUTH",
    "404, '', STREAM_STOPPED",
    "406, '', STREAM_STOPPED",
  })
  void classifiesTheRefusalByNameThenByStatus(int status, String type, ErrorClass expected) {
    PutMediaException e = PutMediaException.ofHttp("cam", status, type, "msg");
    assertThat(e.errorClass()).isEqualTo(expected);
    assertThat(e.httpStatus()).isEqualTo(status);
    assertThat(e.getMessage()).contains("cam").contains(String.valueOf(status)).contains("msg");
  }

  @ParameterizedTest
  @CsvSource({
    "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazon.kinesisvideo/,"
        + " ResourceNotFoundException",
    "'', Http503",
  })
  void stripsTheNamespaceFromTheErrorType(String header, String type) {
    assertThat(PutMediaException.ofHttp("cam", 503, header, "m").errorType()).isEqualTo(type);
  }
}
