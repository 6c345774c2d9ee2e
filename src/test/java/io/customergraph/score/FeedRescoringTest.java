package io.customergraph.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import io.customergraph.graph.GraphChanged;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Issue #23: every instance rescored whatever the change feed brought, so two instances scored a 10,000-contact import
 * twice (and the one that had not written it held its change feed for minutes doing so). The writer rescores what it
 * wrote; the others rescore only what is still unscored, or scored before the change, after a grace period.
 */
class FeedRescoringTest extends GraphSupport {

  @Autowired ScoreLifecycle lifecycle;
  @Autowired ApplicationEventPublisher events;

  @Test
  void theFeedRescoresOnlyWhatItsWriterLeftUnscored() {
    cypher("""
        CREATE (:Contact {id: 'con_unscored', name: 'Una Scored', createdAt: datetime()})
        CREATE (:Contact {id: 'con_scored', name: 'Sam Scored', createdAt: datetime() - duration('PT1M')})
        CREATE (:Score {id: 'LEAD_PRIORITY:con_scored', kind: 'LEAD_PRIORITY', entityId: 'con_scored', probability: 0.5,
                        computedAt: datetime('2099-01-01T00:00:00Z')})""");
    lifecycle.feedGrace = Duration.ZERO;
    try {
      events.publishEvent(new GraphChanged(List.of("con_unscored", "con_scored"), GraphChanged.Origin.FEED));
      lifecycle.refresh();
    } finally {
      lifecycle.feedGrace = ScoreLifecycle.FEED_GRACE;
    }
    assertThat(count("MATCH (s:Score {id: 'LEAD_PRIORITY:con_unscored'}) RETURN count(s)")).as("written elsewhere, left unscored").isEqualTo(1);
    assertThat(count("MATCH (s:Score {id: 'LEAD_PRIORITY:con_scored'}) WHERE s.computedAt = datetime('2099-01-01T00:00:00Z') RETURN count(s)"))
        .as("scored by its writer after the change: not scored again").isEqualTo(1);
  }

  @Test
  void withinTheGraceNothingIsRescored() {
    cypher("CREATE (:Contact {id: 'con_fresh', name: 'Fresh Write', createdAt: datetime()})");
    events.publishEvent(new GraphChanged(List.of("con_fresh"), GraphChanged.Origin.FEED));
    lifecycle.refresh();
    assertThat(count("MATCH (s:Score {id: 'LEAD_PRIORITY:con_fresh'}) RETURN count(s)")).as("its writer has 30 s to score it").isZero();
  }
}
