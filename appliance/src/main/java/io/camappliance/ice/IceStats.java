package io.camappliance.ice;

/**
 * Counters of an {@link IceLiteAgent} since it started; every datagram it does not deliver is
 * counted in exactly one of the drop counters.
 *
 * @param bindingSuccesses Binding success responses sent (a failed send also counts in sendDropped)
 * @param errorResponses Binding error responses sent (401, 420, 487)
 * @param unknownUfrag Binding requests for a ufrag no session owns (dropped silently)
 * @param malformed datagrams that look like STUN but do not parse, or requests without USERNAME,
 *     MESSAGE-INTEGRITY or a valid FINGERPRINT (dropped silently)
 * @param ignoredStun well-formed STUN messages other than Binding requests (dropped)
 * @param unknownSource DTLS/RTP datagrams from an address no session has validated (dropped)
 * @param otherDropped datagrams of no class this port serves (RFC 7983 ZRTP, TURN, other)
 * @param delivered datagrams handed to a session's handler (including calls that threw)
 * @param handlerErrors handler calls that threw
 * @param sendDropped datagrams the socket did not take (send buffer full or socket error)
 */
public record IceStats(
    long bindingSuccesses,
    long errorResponses,
    long unknownUfrag,
    long malformed,
    long ignoredStun,
    long unknownSource,
    long otherDropped,
    long delivered,
    long handlerErrors,
    long sendDropped) {}
