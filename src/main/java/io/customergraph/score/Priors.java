package io.customergraph.score;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The documented prior weights, used while a kind has fewer outcomes than it needs to learn from. They encode what
 * B2B sales teams widely hold to be true, in log-odds per unit of the transformed feature (log(1 + x) for counts
 * and time-weighted sums), each relative to a centre at which the factor says nothing. The README lists them.
 */
final class Priors {

  private Priors() {}

  private record P(String feature, double weight, double center) {}

  /**
   * Intercepts are base rates: about one lead in six converts (logit −1.6), somewhat fewer than half of the deals
   * that reach a pipeline are won (−0.3), and about one customer in ten churns at a renewal (−2.2).
   */
  private static final Map<ScoreKind, Double> INTERCEPT = Map.of(
      ScoreKind.LEAD_PRIORITY, -1.6, ScoreKind.DEAL_WIN, -0.3, ScoreKind.CHURN_RISK, -2.2);

  private static final Map<ScoreKind, List<P>> WEIGHTS = Map.of(
      ScoreKind.LEAD_PRIORITY, List.of(
          // Engagement: ~6 recent touches (log 1+6 ≈ 1.9) add about one log-odd.
          new P("engagement", 0.5, 0),
          // Pricing pages and explicit asks for a meeting are the strongest buying signals a funnel sees.
          new P("pricingInterest", 0.9, 0),
          new P("meetingIntent", 1.0, 0),
          new P("contentDownloads", 0.6, 0),
          // Buying groups: several engaged people at an account buy more often than one.
          new P("colleaguesEngaged", 0.4, 0),
          // 0.15 per level: a C-level contact (4) adds 0.6 against someone without a senior title.
          new P("seniority", 0.15, 0),
          new P("existingCustomer", 0.4, 0),
          new P("frustration", -0.8, 0)),
      ScoreKind.DEAL_WIN, List.of(
          // Stage conversion: each stage reached adds ~0.45 (roughly 10% / 30% / 50% / 70% win rates by stage).
          new P("stageProgress", 0.45, 0),
          // Large deals close less often; centred on 10,000 (log ≈ 9.2).
          new P("dealSize", -0.1, 9.2),
          new P("closeDatePushed", -0.5, 0),
          // Stalled deals lose: twice the typical time in stage costs 0.4.
          new P("daysInStage", -0.4, 1),
          new P("accountWins", 0.5, 0),
          // Win rates are centred (0 = one half): a rep who wins 70% adds 2 × 0.2 = 0.4.
          new P("repWinRate", 2.0, 0),
          new P("productWinRate", 2.0, 0),
          new P("peopleEngaged", 0.4, 0),
          // Pricing views, downloads and asks for meetings across the buying group: the deal is being evaluated.
          new P("buyingSignals", 0.6, 0),
          new P("championQuiet", -0.8, 0),
          new P("openTickets", -0.3, 0),
          new P("frustration", -0.5, 0),
          new P("competitorMentions", -0.4, 0),
          new P("overdueInvoices", -0.3, 0)),
      ScoreKind.CHURN_RISK, List.of(
          new P("openTickets", 0.5, 0),
          new P("frustration", 0.7, 0),
          new P("competitorMentions", 0.6, 0),
          new P("overdueInvoices", 0.6, 0),
          new P("latePayments", 0.4, 0),
          // Engaged accounts stay: activity and breadth of contact lower the risk.
          new P("engagement", -0.3, 0),
          new P("peopleEngaged", -0.3, 0),
          new P("championQuiet", 0.8, 0)));

  /** The prior model of a kind, without the forbidden features. */
  static Model of(ScoreKind kind, Set<String> forbidden, int minimumPerClass) {
    List<Model.Coefficient> coefficients = new ArrayList<>();
    for (P p : WEIGHTS.get(kind)) {
      if (!forbidden.contains(p.feature())) {
        coefficients.add(new Model.Coefficient(p.feature(), p.weight(), p.center(), 1));
      }
    }
    return new Model(
        kind, 0, Model.Status.ACTIVE, true, INTERCEPT.get(kind), List.copyOf(coefficients), List.of(), 1, 0, null, null, List.of(), null,
        Instant.EPOCH,
        "Prior weights: fewer than %d outcomes of each class to learn from yet (see the README's scoring section)."
            .formatted(minimumPerClass));
  }
}
