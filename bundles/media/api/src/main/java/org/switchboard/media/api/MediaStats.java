package org.switchboard.media.api;

/**
 * A session's counters.
 *
 * @param packetsReceived RTP packets taken from the far end
 * @param packetsSent RTP packets sent to the far end
 * @param packetsLost packets the far end sent that never arrived (sequence gaps)
 * @param dtmfDigits digits reported to the listener
 */
public record MediaStats(
    long packetsReceived, long packetsSent, long packetsLost, long dtmfDigits) {}
