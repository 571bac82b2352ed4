package io.camappliance.emulator.iot;

/** What the credentials endpoint answers: HTTP status and JSON body. */
record CredentialsResponse(int status, String body) {}
