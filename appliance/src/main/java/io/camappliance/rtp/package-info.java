/**
 * RTP and RTCP for the WebRTC sender: plain (unprotected) packets in and out; SRTP, DTLS, ICE and
 * SDP live in their own packages.
 *
 * <ul>
 *   <li>{@link io.camappliance.rtp.H264Packetizer}: access units to RTP packets (RFC 6184), into an
 *       {@link io.camappliance.rtp.RtpPacketSink}, without allocating per frame; {@link
 *       io.camappliance.rtp.RtpHeader} is the fixed header it writes.
 *   <li>{@link io.camappliance.rtp.RtpPacketHistory}: the last packets sent, to answer NACKs.
 *   <li>{@link io.camappliance.rtp.SenderReport} and {@link io.camappliance.rtp.SourceDescription}:
 *       the RTCP the sender writes; {@link io.camappliance.rtp.NtpTime} for its clock and the round
 *       trip.
 *   <li>{@link io.camappliance.rtp.RtcpParser}: the browser's RTCP (reports, NACK, PLI, FIR, REMB)
 *       to an {@link io.camappliance.rtp.RtcpVisitor}; malformed input is an {@link
 *       io.camappliance.rtp.RtcpException} naming offset and value, and the parser is fuzzed.
 * </ul>
 */
package io.camappliance.rtp;
