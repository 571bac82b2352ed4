package io.camappliance.kvs;

/**
 * The meaning of one ERROR ack id (kvs-putmedia.md §6).
 *
 * @param errorId the wire {@code ErrorId}
 * @param code the service's symbolic {@code ErrorCode}, {@code UNKNOWN_ACK_ERROR} for an id not in
 *     the table
 * @param errorClass what the producer does about it
 * @param message a status line for the user: what happened and what to do
 */
public record AckError(int errorId, String code, ErrorClass errorClass, String message) {}
