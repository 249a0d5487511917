package org.switchboard.channel.sip.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Protects the SIP port: a token bucket per source address, a lock-out after repeated failed
 * authentication per source and per user, and an immediate block for known scanners (by
 * User-Agent). All maps are bounded (least recently used sources are forgotten), so a flood of
 * spoofed sources cannot exhaust memory.
 */
final class SourceGuard {
  /** What to do with a request. */
  enum Decision {
    PASS,
    /** Over the rate: drop it silently (answering would amplify a flood). */
    DROP,
    /** Source or user is locked out: answer 403 without checking anything. */
    LOCKED
  }

  private static final String[] SCANNERS = {
    "friendly-scanner",
    "sipvicious",
    "sipcli",
    "sip-scan",
    "sundayddr",
    "iWar",
    "sipsak-scan",
    "VaxSIPUserAgent"
  };

  private final Clock clock;
  private final double ratePerSecond;
  private final double burst;
  private final int maxFailures;
  private final Duration failureWindow;
  private final Duration lockout;
  private final Map<String, Bucket> buckets;
  private final Map<String, Failures> failures;
  private long dropped;
  private long blockedScanners;

  private static final class Bucket {
    double tokens;
    long lastNanos;
    Instant blockedUntil = Instant.MIN;
  }

  private static final class Failures {
    int count;
    Instant windowStart;
    Instant lockedUntil = Instant.MIN;
  }

  SourceGuard(
      Clock clock,
      double ratePerSecond,
      double burst,
      int maxFailures,
      Duration failureWindow,
      Duration lockout,
      int maxTracked) {
    this.clock = clock;
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.maxFailures = maxFailures;
    this.failureWindow = failureWindow;
    this.lockout = lockout;
    this.buckets = lru(maxTracked);
    this.failures = lru(maxTracked);
  }

  private static <V> Map<String, V> lru(int max) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > max;
      }
    };
  }

  /** Admission of one request from {@code source} with the given User-Agent (may be null). */
  synchronized Decision admit(String source, String userAgent) {
    Instant now = clock.instant();
    Bucket b = buckets.computeIfAbsent(source, s -> newBucket());
    if (now.isBefore(b.blockedUntil)) {
      dropped++;
      return Decision.DROP;
    }
    if (isScanner(userAgent)) {
      b.blockedUntil = now.plus(lockout);
      blockedScanners++;
      dropped++;
      return Decision.DROP;
    }
    long nanos = System.nanoTime();
    b.tokens = Math.min(burst, b.tokens + (nanos - b.lastNanos) / 1e9 * ratePerSecond);
    b.lastNanos = nanos;
    if (b.tokens < 1) {
      dropped++;
      return Decision.DROP;
    }
    b.tokens -= 1;
    return locked("src:" + source, now) ? Decision.LOCKED : Decision.PASS;
  }

  /** Whether a user is locked out after failed authentications. */
  synchronized boolean userLocked(String user) {
    return locked("user:" + user, clock.instant());
  }

  /** Records a failed authentication for a source and a user. */
  synchronized void failed(String source, String user) {
    Instant now = clock.instant();
    count("src:" + source, now);
    if (user != null) {
      count("user:" + user, now);
    }
  }

  /** Forgets failures after a successful authentication of the user from the source. */
  synchronized void succeeded(String source, String user) {
    failures.remove("src:" + source);
    failures.remove("user:" + user);
  }

  synchronized long dropped() {
    return dropped;
  }

  synchronized long blockedScanners() {
    return blockedScanners;
  }

  private Bucket newBucket() {
    Bucket b = new Bucket();
    b.tokens = burst;
    b.lastNanos = System.nanoTime();
    return b;
  }

  private boolean locked(String key, Instant now) {
    Failures f = failures.get(key);
    return f != null && now.isBefore(f.lockedUntil);
  }

  private void count(String key, Instant now) {
    Failures f = failures.computeIfAbsent(key, k -> new Failures());
    if (f.windowStart == null || now.isAfter(f.windowStart.plus(failureWindow))) {
      f.windowStart = now;
      f.count = 0;
    }
    if (++f.count >= maxFailures) {
      f.lockedUntil = now.plus(lockout);
    }
  }

  static boolean isScanner(String userAgent) {
    if (userAgent == null) {
      return false;
    }
    String ua = userAgent.toLowerCase(Locale.ROOT);
    for (String s : SCANNERS) {
      if (ua.contains(s.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
