/**
 * ICE-lite (RFC 8445 §2.5) for the WHEP server: every browser session shares one UDP port.
 *
 * <ul>
 *   <li>{@link io.camappliance.ice.IceLiteAgent}: owns the socket and its receive thread, answers
 *       the browsers' STUN Binding requests, routes DTLS and RTP/RTCP (RFC 7983) to the session of
 *       their source address, and expires sessions whose consent lapsed (RFC 7675).
 *   <li>{@link io.camappliance.ice.IceSession}: one browser's credentials, selected address, and
 *       {@code send}; its {@link io.camappliance.ice.IceSession.Handler} receives datagrams.
 *   <li>{@link io.camappliance.ice.HostCandidate}: the SDP {@code candidate} lines of the port.
 *   <li>{@link io.camappliance.ice.StunMessage}, {@link io.camappliance.ice.StunMessageBuilder}:
 *       the STUN codec (RFC 8489) with MESSAGE-INTEGRITY and FINGERPRINT, tested against RFC 5769.
 *   <li>{@link io.camappliance.ice.IceConfig}, {@link io.camappliance.ice.IceStats}, {@link
 *       io.camappliance.ice.PacketType}: settings, counters, the first-byte demultiplexer.
 * </ul>
 *
 * Malformed STUN is reported as {@link io.camappliance.ice.StunException} with the offset and
 * value; the parser has a Jazzer fuzz test.
 */
package io.camappliance.ice;
