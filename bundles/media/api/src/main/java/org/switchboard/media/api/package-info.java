/**
 * The media engine's contract: what a signalling channel (SIP) and the flow engine use to anchor a
 * call's audio at Switchboard.
 *
 * <p>A {@link org.switchboard.media.api.MediaService} opens one {@link
 * org.switchboard.media.api.MediaSession} per call leg: an RTP/RTCP endpoint on a port of the
 * configured range whose codec and peer address are negotiated by SDP offer/answer (RFC 3264). A
 * session plays {@link org.switchboard.media.api.Prompt}s (menus, announcements, music on hold),
 * reports the caller's DTMF digits (RFC 4733, SIP INFO fed in by the channel, in-band tones) and is
 * {@link org.switchboard.media.api.MediaSession#bridge bridged} to another leg so the customer and
 * the agent hear each other. {@link org.switchboard.media.api.MediaService#record} writes the two
 * legs of a bridged call to a stereo WAV file (customer left, agent right).
 *
 * <p>Every method is thread-safe and returns at once; media runs on the engine's own threads, and
 * listeners are called there, so they must not block.
 */
@org.osgi.annotation.versioning.Version("1.4.0")
package org.switchboard.media.api;
