package org.switchboard.channel.webchat;

/** One connection of a customer (a WebSocket, or the long-poll request being handled). */
interface Visitor {
  /** Sends a frame to this connection only (answers such as ack and error). */
  void reply(String frame);
}
