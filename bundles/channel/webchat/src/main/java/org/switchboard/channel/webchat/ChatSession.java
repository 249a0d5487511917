package org.switchboard.channel.webchat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * A chat while it is live on this node: the customer's open WebSockets, the frames buffered for
 * long-polling clients (numbered by a cursor), and the per-chat message rate. Messages themselves
 * are in the core's transcript; the buffer only bridges the gap between two polls.
 */
final class ChatSession {
  /** Frames kept for long-polling clients; an older cursor gets {@code reset}. */
  static final int BUFFERED = 256;

  /** A long-poll request waiting for frames. */
  interface Waiter {
    void wake();
  }

  /** Frames after a cursor, or reset when some were already dropped. */
  record Pending(long cursor, List<String> frames, boolean reset) {}

  final ChatStore.StoredChat chat;
  private final Set<Visitor> sockets = new CopyOnWriteArraySet<>();
  private final Deque<String> buffer = new ArrayDeque<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private final Deque<Instant> recentMessages = new ArrayDeque<>();
  private long cursor;
  private String lastStatus;
  private volatile Instant lastSeen;
  private Instant positionToldAt = Instant.EPOCH;
  private volatile boolean ended;

  ChatSession(ChatStore.StoredChat chat, Instant now) {
    this.chat = chat;
    this.lastSeen = now;
  }

  String id() {
    return chat.interactionId();
  }

  void attach(Visitor socket, Instant now) {
    sockets.add(socket);
    lastSeen = now;
  }

  void detach(Visitor socket, Instant now) {
    sockets.remove(socket);
    lastSeen = now;
  }

  void seen(Instant now) {
    lastSeen = now;
  }

  /** Whether the customer has been away (no socket, no poll) for longer than {@code grace}. */
  boolean goneFor(Duration grace, Instant now) {
    return sockets.isEmpty() && lastSeen.plus(grace).isBefore(now);
  }

  boolean connected() {
    return !sockets.isEmpty();
  }

  boolean ended() {
    return ended;
  }

  void end() {
    ended = true;
  }

  /** Sends a frame to every connection of the customer, now or at their next poll. */
  void broadcast(String frame) {
    List<Waiter> woken;
    synchronized (this) {
      cursor++;
      buffer.addLast(frame);
      if (buffer.size() > BUFFERED) {
        buffer.removeFirst();
      }
      woken = new ArrayList<>(waiters);
      waiters.clear();
    }
    for (Visitor socket : sockets) {
      socket.reply(frame);
    }
    woken.forEach(Waiter::wake);
  }

  /** Broadcasts a status frame unless it says what the last one said. */
  void broadcastStatus(String frame) {
    synchronized (this) {
      if (frame.equals(lastStatus)) {
        return;
      }
      lastStatus = frame;
    }
    broadcast(frame);
  }

  /**
   * Notes a status frame sent straight to one connection (on start or resume), so that the same
   * status broadcast right after is not sent twice; returns the frame.
   */
  synchronized String told(String statusFrame) {
    lastStatus = statusFrame;
    return statusFrame;
  }

  /** The frames after {@code after}; {@code reset} when the client missed some. */
  synchronized Pending after(long after) {
    long first = cursor - buffer.size() + 1;
    if (after > cursor || after < first - 1) {
      return new Pending(cursor, List.of(), true);
    }
    List<String> frames = new ArrayList<>(buffer).subList((int) (after - first + 1), buffer.size());
    return new Pending(cursor, List.copyOf(frames), false);
  }

  /** Registers a poll to wake at the next frame; false when frames after its cursor exist. */
  synchronized boolean await(long after, Waiter waiter) {
    if (after != cursor) {
      return false;
    }
    waiters.add(waiter);
    return true;
  }

  synchronized void forget(Waiter waiter) {
    waiters.remove(waiter);
  }

  /**
   * Whether the waiting customer should be told their place again (at most every {@code every}).
   */
  synchronized boolean positionDue(Duration every, Instant now) {
    if (positionToldAt.plus(every).isAfter(now)) {
      return false;
    }
    positionToldAt = now;
    return true;
  }

  /** Counts a message against the per-minute limit; false when it is over the limit. */
  synchronized boolean allowMessage(int perMinute, Instant now) {
    Instant windowStart = now.minus(Duration.ofMinutes(1));
    while (!recentMessages.isEmpty() && recentMessages.peekFirst().isBefore(windowStart)) {
      recentMessages.removeFirst();
    }
    if (recentMessages.size() >= perMinute) {
      return false;
    }
    recentMessages.addLast(now);
    return true;
  }
}
