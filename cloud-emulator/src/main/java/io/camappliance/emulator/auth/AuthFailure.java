package io.camappliance.emulator.auth;

/**
 * Why a request was refused, in the shape the service answers: HTTP status, the {@code
 * x-amzn-ErrorType} and the message.
 */
public record AuthFailure(int status, String errorType, String message) {}
