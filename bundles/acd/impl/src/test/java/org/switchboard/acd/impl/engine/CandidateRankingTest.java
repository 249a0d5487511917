package org.switchboard.acd.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.switchboard.acd.api.Decision;

/**
 * Keeping only the top candidates gives the same decision as ranking every one: the same winner,
 * the same stored candidates in the same order, the same count.
 */
class CandidateRankingTest {
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00.500Z");

  @RepeatedTest(200)
  void keepsWhatRankingEveryCandidateWouldStore(org.junit.jupiter.api.RepetitionInfo repetition) {
    Random random = new Random(repetition.getCurrentRepetition());
    List<AgentSlot> pool = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    int size = 1 + random.nextInt(60);
    for (int i = 0; i < size; i++) {
      AgentSlot a = new AgentSlot("agent-" + random.nextInt(1000) + "-" + i);
      // few distinct values, so that scores, idle seconds and idle instants tie often
      a.idleSince = NOW.minusMillis(random.nextInt(8) * 400L - 800);
      pool.add(a);
      scores.add((double) random.nextInt(3));
    }

    CandidateRanking ranking = new CandidateRanking(true, NOW);
    for (int i = 0; i < size; i++) {
      ranking.consider(pool.get(i), scores.get(i));
    }

    AgentSlot best = referenceBest(pool, scores);
    assertThat(ranking.best()).isSameAs(best);
    assertThat(ranking.count()).isEqualTo(size);
    assertThat(ranking.top()).isEqualTo(referenceTop(pool, scores, best));
  }

  @Test
  void storesNoCandidatesWhenDecisionsAreNotRecorded() {
    CandidateRanking ranking = new CandidateRanking(false, NOW);
    AgentSlot a = new AgentSlot("ann");
    ranking.consider(a, 1);
    assertThat(ranking.best()).isSameAs(a);
    assertThat(ranking.top()).isEmpty();
  }

  /** The winner as the engine always chose it: score, then idle since earliest, then id. */
  private static AgentSlot referenceBest(List<AgentSlot> pool, List<Double> scores) {
    AgentSlot best = null;
    double bestScore = 0;
    for (int i = 0; i < pool.size(); i++) {
      AgentSlot a = pool.get(i);
      double score = scores.get(i);
      if (best == null
          || score > bestScore
          || (score == bestScore
              && (a.idleSince.isBefore(best.idleSince)
                  || (a.idleSince.equals(best.idleSince) && a.id.compareTo(best.id) < 0)))) {
        best = a;
        bestScore = score;
      }
    }
    return best;
  }

  /** Every candidate scored and sorted, the winner first, the first few stored. */
  private static List<Decision.ScoredCandidate> referenceTop(
      List<AgentSlot> pool, List<Double> scores, AgentSlot best) {
    List<Decision.ScoredCandidate> all = new ArrayList<>();
    for (int i = 0; i < pool.size(); i++) {
      AgentSlot a = pool.get(i);
      long idle = Math.max(0, Duration.between(a.idleSince, NOW).toSeconds());
      all.add(new Decision.ScoredCandidate(a.id, scores.get(i), idle));
    }
    all.sort(CandidateRanking.STORED_ORDER);
    List<Decision.ScoredCandidate> top = new ArrayList<>();
    all.stream().filter(s -> s.agentId().equals(best.id)).findFirst().ifPresent(top::add);
    for (Decision.ScoredCandidate s : all) {
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
