package io.customergraph.score;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One input of a score: a named Cypher pattern and how its raw value enters the model.
 *
 * @param name the feature's name, also the file {@code cypher/score/<scope>/<name>.cypher}
 * @param scope the folder the query lives in: the entity's own, or {@code account} for a deal's account
 * @param transform how the raw value is shaped before it is weighted
 * @param decays whether the raw value is a sum of {@code 2^(-age/halfLife)} terms, so it keeps decaying at read time
 * @param ownField whether it describes the entity by its own fields only (the baseline model uses only these)
 * @param behavioural whether it reads what a person did (opened, viewed, clicked, wrote) — consent-gated
 * @param label a few words a person reads in an explanation
 */
public record Feature(
    String name, String scope, Transform transform, boolean decays, boolean ownField, boolean behavioural, String label) {

  /** How a raw value is shaped: counts and sums grow slower than linearly in what they tell. */
  public enum Transform {
    IDENTITY,
    LOG1P;

    double apply(double raw) {
      return this == LOG1P ? Math.log1p(Math.max(0, raw)) : raw;
    }
  }

  /** Named query of the feature. */
  String query() {
    return "score/" + scope + "/" + name;
  }

  /** Named query that computes the feature's shared parameters once per batch, if the feature has one. */
  String paramsQuery() {
    return query() + ".params";
  }

  /** The raw value as it is at {@code at}, given it was {@code raw} at {@code computedAt}. */
  double decayed(double raw, Instant computedAt, Instant at, double halfLifeSeconds) {
    if (!decays || !at.isAfter(computedAt)) {
      return raw;
    }
    double elapsed = (at.getEpochSecond() - computedAt.getEpochSecond());
    return raw * Math.pow(2, -elapsed / halfLifeSeconds);
  }

  /** Whether an input is one of the customer's own fields ({@code field_x} or {@code field_x=value}), not a graph feature. */
  static boolean isField(String input) {
    return input.startsWith("field_");
  }

  /** Copies the own-field inputs of {@code raw} into {@code x} as they are (fields are neither transformed nor decayed). */
  static void copyFields(Map<String, Double> raw, Map<String, Double> x) {
    raw.forEach((k, v) -> {
      if (isField(k)) {
        x.put(k, v);
      }
    });
  }

  /** The features of each kind, in the order explanations list ties. */
  static List<Feature> of(ScoreKind kind) {
    return switch (kind) {
      case LEAD_PRIORITY -> List.of(
          f("engagement", "contact", Transform.LOG1P, true, false, true, "recent engagement"),
          f("pricingInterest", "contact", Transform.LOG1P, true, false, true, "interest in pricing"),
          f("contentDownloads", "contact", Transform.LOG1P, true, false, true, "content downloaded or forms sent"),
          f("meetingIntent", "contact", Transform.LOG1P, true, false, true, "asked for a meeting"),
          f("colleaguesEngaged", "contact", Transform.LOG1P, true, false, true, "colleagues engaged at the account"),
          f("seniority", "contact", Transform.IDENTITY, false, true, false, "seniority of the title"),
          f("existingCustomer", "contact", Transform.LOG1P, false, false, false, "the account already bought"),
          f("frustration", "contact", Transform.LOG1P, true, false, false, "frustration or complaints"),
          f("afterHoursActivity", "contact", Transform.LOG1P, true, false, true, "activity at night"));
      case DEAL_WIN -> List.of(
          f("stageProgress", "deal", Transform.IDENTITY, false, true, false, "stage reached"),
          f("dealSize", "deal", Transform.LOG1P, false, true, false, "deal size"),
          f("listPrice", "deal", Transform.LOG1P, false, true, false, "list price of the product"),
          f("closeDatePushed", "deal", Transform.LOG1P, false, true, false, "close date pushed back"),
          f("daysInStage", "deal", Transform.IDENTITY, false, false, false, "time in stage against the typical"),
          f("accountWins", "deal", Transform.LOG1P, false, false, false, "the account won deals before"),
          f("repWinRate", "deal", Transform.IDENTITY, false, false, false, "the owner's record"),
          f("productWinRate", "deal", Transform.IDENTITY, false, false, false, "how the product usually does"),
          f("peopleEngaged", "account", Transform.LOG1P, true, false, true, "people engaged at the account"),
          f("buyingSignals", "account", Transform.LOG1P, true, false, true, "buying signals at the account"),
          f("championQuiet", "account", Transform.IDENTITY, false, false, true, "the champion went quiet"),
          f("openTickets", "account", Transform.LOG1P, false, false, false, "open tickets"),
          f("frustration", "account", Transform.LOG1P, true, false, false, "frustration at the account"),
          f("competitorMentions", "account", Transform.LOG1P, true, false, false, "competitors mentioned"),
          f("overdueInvoices", "account", Transform.LOG1P, false, false, false, "overdue or disputed invoices"));
      case CHURN_RISK -> List.of(
          f("openTickets", "account", Transform.LOG1P, false, false, false, "open tickets"),
          f("frustration", "account", Transform.LOG1P, true, false, false, "frustration and churn talk"),
          f("competitorMentions", "account", Transform.LOG1P, true, false, false, "competitors mentioned"),
          f("overdueInvoices", "account", Transform.LOG1P, false, false, false, "overdue or disputed invoices"),
          f("latePayments", "account", Transform.LOG1P, true, false, false, "invoices paid late"),
          f("engagement", "account", Transform.LOG1P, true, false, true, "engagement of its people"),
          f("peopleEngaged", "account", Transform.LOG1P, true, false, true, "people engaged"),
          f("championQuiet", "account", Transform.IDENTITY, false, false, true, "the champion went quiet"));
    };
  }

  private static Feature f(String name, String scope, Transform t, boolean decays, boolean own, boolean behavioural, String label) {
    return new Feature(name, scope, t, decays, own, behavioural, label);
  }
}
