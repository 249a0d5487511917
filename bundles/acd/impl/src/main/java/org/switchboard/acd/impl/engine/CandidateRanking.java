package org.switchboard.acd.impl.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.switchboard.acd.api.Decision;

/**
 * The candidates for one contact as the strategy scored them: the best (highest score, then idle
 * longest, then the smallest id) and, when decisions are recorded, the {@link
 * Decision#MAX_CANDIDATES} to store with the decision. Only that many are kept whatever the pool
 * holds: routing one call among 800 ready agents ranks 800 of them, hundreds of times a second, on
 * the one router thread.
 */
final class CandidateRanking {
  /** Best first: score, then idle seconds (as stored), then agent id. */
  static final Comparator<Decision.ScoredCandidate> STORED_ORDER =
      Comparator.comparingDouble((Decision.ScoredCandidate s) -> -s.score())
          .thenComparingLong(s -> -s.idleSeconds())
          .thenComparing(Decision.ScoredCandidate::agentId);

  private final boolean keep;
  private final Instant now;

  /**
   * The best {@link Decision#MAX_CANDIDATES} so far by {@link #STORED_ORDER}, worst at the head.
   */
  private final PriorityQueue<Decision.ScoredCandidate> kept =
      new PriorityQueue<>(Decision.MAX_CANDIDATES + 1, STORED_ORDER.reversed());

  private AgentSlot best;
  private double bestScore;
  private int count;

  /**
   * @param keep whether to keep the top candidates for a stored decision
   * @param now the routing time, for the candidates' idle seconds
   */
  CandidateRanking(boolean keep, Instant now) {
    this.keep = keep;
    this.now = now;
  }

  void consider(AgentSlot a, double score) {
    count++;
    if (keep) {
      keep(a, score);
    }
    if (best == null
        || score > bestScore
        || (score == bestScore
            && (a.idleSince.isBefore(best.idleSince)
                || (a.idleSince.equals(best.idleSince) && a.id.compareTo(best.id) < 0)))) {
      best = a;
      bestScore = score;
    }
  }

  private void keep(AgentSlot a, double score) {
    long idle = idleSeconds(a.idleSince);
    Decision.ScoredCandidate worst = kept.peek();
    if (kept.size() >= Decision.MAX_CANDIDATES && !better(score, idle, a.id, worst)) {
      return;
    }
    kept.add(new Decision.ScoredCandidate(a.id, score, idle));
    if (kept.size() > Decision.MAX_CANDIDATES) {
      kept.poll();
    }
  }

  /** Whether (score, idle, id) comes before {@code other} in {@link #STORED_ORDER}. */
  private static boolean better(
      double score, long idle, String id, Decision.ScoredCandidate other) {
    int byScore = Double.compare(other.score(), score);
    if (byScore != 0) {
      return byScore < 0;
    }
    if (idle != other.idleSeconds()) {
      return idle > other.idleSeconds();
    }
    return id.compareTo(other.agentId()) < 0;
  }

  /** Whole seconds from {@code since} to the routing time, never negative. */
  private long idleSeconds(Instant since) {
    long seconds = now.getEpochSecond() - since.getEpochSecond();
    if (now.getNano() < since.getNano()) {
      seconds--;
    }
    return Math.max(0, seconds);
  }

  /** The agent to offer to; null when nobody was considered. */
  AgentSlot best() {
    return best;
  }

  /** How many candidates were considered. */
  int count() {
    return count;
  }

  /**
   * The candidates to store: the winner first (even where idle seconds round equal), then the
   * others in {@link #STORED_ORDER}, at most {@link Decision#MAX_CANDIDATES}.
   */
  List<Decision.ScoredCandidate> top() {
    List<Decision.ScoredCandidate> sorted = new ArrayList<>(kept);
    sorted.sort(STORED_ORDER);
    List<Decision.ScoredCandidate> top = new ArrayList<>();
    sorted.stream().filter(s -> s.agentId().equals(best.id)).findFirst().ifPresent(top::add);
    for (Decision.ScoredCandidate s : sorted) {
      if (top.size() >= Decision.MAX_CANDIDATES) {
        break;
      }
      if (!s.agentId().equals(best.id)) {
        top.add(s);
      }
    }
    return top;
  }
}
