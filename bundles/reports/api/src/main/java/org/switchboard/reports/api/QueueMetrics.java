package org.switchboard.reports.api;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Computes {@link QueueFigures} from queue visits, by the definitions {@link #formulas} states.
 * Every report uses this one implementation, so a figure means the same on every page.
 */
public final class QueueMetrics {
  private QueueMetrics() {}

  /** The figures of these visits. */
  public static QueueFigures of(Collection<QueueVisit> visits, MetricSettings settings) {
    Accumulator a = new Accumulator(settings);
    visits.forEach(a::add);
    return a.figures();
  }

  /** Each figure's definition with the thresholds of {@code settings}, for the report's footer. */
  public static Map<String, String> formulas(MetricSettings settings) {
    String t = seconds(settings.serviceLevelThreshold());
    String s = seconds(settings.shortAbandonThreshold());
    Map<String, String> f = new LinkedHashMap<>();
    f.put(
        "offered",
        "visits that entered the queue in the interval (a transfer to another queue is a"
            + " new visit there)");
    f.put("answered", "offered visits an agent accepted (callbacks included)");
    f.put(
        "abandoned",
        "offered visits the customer left before an answer, after waiting " + s + " or more");
    f.put(
        "shortAbandoned",
        "offered visits the customer left within "
            + s
            + " (left out of service level and abandon rate)");
    f.put(
        "callbacks",
        "offered visits in which the customer asked to be called back (left out of"
            + " service level and ASA; answered when the callback is accepted)");
    f.put("transferredOut", "offered visits moved to another queue or agent before an answer here");
    f.put("transfers", "transfers by agents of answered visits (to a queue or an agent)");
    f.put(
        "serviceLevel",
        settings.serviceLevel().formula().replace("T", t)
            + ", without short abandons and callbacks (variant "
            + settings.serviceLevel()
            + ")");
    f.put("abandonRate", "abandoned / (offered - shortAbandoned)");
    f.put("averageSpeedOfAnswer", "sum of waits of answered visits / answered, callbacks left out");
    f.put("averageHandleTime", "sum of (talk + hold + wrap-up) / visits answered and ended");
    f.put(
        "averageTalkTime",
        "sum of (accepted to conversation end - hold) / visits answered and" + " ended");
    f.put("averageHoldTime", "sum of hold / visits answered and ended");
    f.put("averageWrapTime", "sum of (conversation end to completed) / visits answered and ended");
    f.put("longestWait", "the longest wait of an offered visit until answer, abandon or transfer");
    return f;
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
  }

  /** Running sums of visits added one by one, e.g. per queue and interval of a report. */
  public static final class Accumulator {
    private final MetricSettings settings;
    private long offered;
    private long answered;
    private long answeredForSl;
    private long abandoned;
    private long abandonedForSl;
    private long shortAbandoned;
    private long callbacks;
    private long transferredOut;
    private long transfers;
    private long waiting;
    private long answeredWithin;
    private long abandonedWithin;
    private long handled;
    private long waitMillis;
    private long talkMillis;
    private long holdMillis;
    private long wrapMillis;
    private long longestMillis = -1;

    /** Sums for visits counted with these thresholds and variant. */
    public Accumulator(MetricSettings settings) {
      this.settings = settings;
    }

    /** Counts one visit. */
    public void add(QueueVisit v) {
      MetricSettings s = settings;
      offered++;
      boolean callback = v.callbackRequestedAt() != null;
      callbacks += callback ? 1 : 0;
      Duration wait = v.waitTime();
      if (wait != null) {
        longestMillis = Math.max(longestMillis, wait.toMillis());
      }
      if (v.answered()) {
        answered++;
        transfers += v.transfers();
        if (!callback) {
          answeredForSl++;
          waitMillis += wait.toMillis();
          answeredWithin += wait.compareTo(s.serviceLevelThreshold()) <= 0 ? 1 : 0;
        }
        Duration talk = v.talkTime();
        if (talk != null) {
          handled++;
          talkMillis += talk.toMillis();
          holdMillis += v.hold().toMillis();
          wrapMillis += v.wrapTime().toMillis();
        }
        return;
      }
      switch (v.outcome()) {
        case ABANDONED -> {
          if (wait.compareTo(s.shortAbandonThreshold()) < 0) {
            shortAbandoned++;
          } else {
            abandoned++;
            if (!callback) {
              abandonedForSl++;
              abandonedWithin += wait.compareTo(s.serviceLevelThreshold()) <= 0 ? 1 : 0;
            }
          }
        }
        case TRANSFERRED -> transferredOut++;
        default -> waiting++;
      }
    }

    /** The figures of the visits added so far. */
    public QueueFigures figures() {
      Double sl =
          switch (settings.serviceLevel()) {
            case ABANDONS_IGNORED -> ratio(answeredWithin, answeredForSl);
            case ABANDONS_AGAINST -> ratio(answeredWithin, answeredForSl + abandonedForSl);
            case ABANDONS_FOR ->
                ratio(answeredWithin + abandonedWithin, answeredForSl + abandonedForSl);
          };
      return new QueueFigures(
          offered,
          answered,
          abandoned,
          shortAbandoned,
          callbacks,
          transferredOut,
          transfers,
          waiting,
          answeredWithin,
          abandonedWithin,
          sl,
          ratio(abandoned, offered - shortAbandoned),
          seconds(waitMillis, answeredForSl),
          seconds(talkMillis + holdMillis + wrapMillis, handled),
          seconds(talkMillis, handled),
          seconds(holdMillis, handled),
          seconds(wrapMillis, handled),
          longestMillis < 0 ? null : longestMillis / 1000.0);
    }

    private static Double ratio(long part, long whole) {
      return whole == 0 ? null : (double) part / whole;
    }

    private static Double seconds(long millis, long count) {
      return count == 0 ? null : millis / 1000.0 / count;
    }
  }
}
