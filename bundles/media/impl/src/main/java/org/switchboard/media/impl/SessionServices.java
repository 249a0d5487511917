package org.switchboard.media.impl;

import java.util.function.Consumer;

/**
 * What the engine lends each of its sessions: the codec tables, the media clock and receiving
 * threads, the port range, the settings, the lock that keeps bridging consistent, and the call-back
 * that forgets a closed session.
 */
record SessionServices(
    G711 g711,
    MediaClock clock,
    MediaIoPool io,
    PortRange ports,
    EngineSettings settings,
    Object bridgeLock,
    Consumer<MediaSessionImpl> closed) {}
