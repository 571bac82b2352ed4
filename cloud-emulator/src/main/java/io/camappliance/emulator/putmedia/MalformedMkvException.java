package io.camappliance.emulator.putmedia;

import java.io.IOException;

/** The body is not acceptable MKV (ERROR 4006); the message names the offending values. */
final class MalformedMkvException extends IOException {
  MalformedMkvException(String message) {
    super(message);
  }
}
