package io.customergraph.act;

import io.customergraph.resolve.ReviewOpened;
import io.customergraph.score.ScoreChanged;
import io.customergraph.score.ScoreKind;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Turns what happened in the graph into webhook events: band changed, account at risk, review needed. */
@Component
class ActEvents {

  private final Webhooks webhooks;

  ActEvents(Webhooks webhooks) {
    this.webhooks = webhooks;
  }

  @EventListener
  void on(ScoreChanged e) {
    if (!e.bandChanged()) {
      return;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("kind", e.kind().name());
    data.put("entityId", e.entityId());
    data.put("before", e.before());
    data.put("after", e.after());
    data.put("bandBefore", e.bandBefore());
    data.put("bandAfter", e.bandAfter());
    data.put("at", e.at().toString());
    String kind = e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    webhooks.publish(Webhooks.Event.BAND_CHANGED,
        String.format(Locale.ROOT, "%s of %s: %s → %s (%.2f → %.2f)", kind, e.entityId(), e.bandBefore(), e.bandAfter(), e.before(), e.after()), data);
    // An account becomes at risk when its churn risk crosses one half (into band B or A): more likely to go than stay.
    if (e.kind() == ScoreKind.CHURN_RISK && e.after() >= 0.5 && e.before() < 0.5) {
      webhooks.publish(Webhooks.Event.ACCOUNT_AT_RISK,
          String.format(Locale.ROOT, "Account %s is at risk: churn risk %.2f (was %.2f)", e.entityId(), e.after(), e.before()), data);
    }
  }

  @EventListener
  void on(ReviewOpened r) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("reviewId", r.reviewId());
    data.put("kind", r.kind());
    data.put("aId", r.aId());
    data.put("bId", r.bId());
    data.put("probability", r.probability());
    webhooks.publish(Webhooks.Event.REVIEW_NEEDED,
        String.format(Locale.ROOT, "Are %s and %s the same %s? (match probability %.2f)", r.aId(), r.bId(), r.kind().toLowerCase(Locale.ROOT), r.probability()), data);
  }
}
