package io.customergraph.act;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of next actions and webhooks ({@code customer-graph.act.*}).
 *
 * @param frequencyCap contact-facing actions dispatched to one person within {@code frequencyWindow}; 3 a week is
 *     what a buyer tolerates from one vendor before it reads as spam
 * @param frequencyWindow the window of the cap
 * @param quietStart start of quiet hours in the contact's own time zone (nothing is dispatched then)
 * @param quietEnd end of quiet hours
 * @param riskPriorities ticket priorities that, open, put an account at risk
 * @param frustrationWindow how recent frustration (or complaint, churn talk) must be to put an account at risk
 * @param consentRequired whether a contact-facing action needs recorded marketing consent (no record counts as no)
 * @param webhookAttempts delivery attempts before a delivery is dead-lettered
 * @param webhookBaseDelay delay before the first retry; each later one doubles, with jitter, up to the maximum
 * @param webhookMaxDelay longest delay between attempts
 * @param webhookTimeout how long one attempt waits for the receiver
 * @param webhookPoll how often due deliveries are sent
 * @param webhookSeed seed of the retry jitter
 */
@ConfigurationProperties("customer-graph.act")
public record ActProperties(
    @DefaultValue("3") int frequencyCap,
    @DefaultValue("P7D") Duration frequencyWindow,
    @DefaultValue("20:00") LocalTime quietStart,
    @DefaultValue("08:00") LocalTime quietEnd,
    @DefaultValue({"HIGH", "URGENT"}) List<String> riskPriorities,
    @DefaultValue("P14D") Duration frustrationWindow,
    @DefaultValue("true") boolean consentRequired,
    @DefaultValue("5") int webhookAttempts,
    @DefaultValue("PT2S") Duration webhookBaseDelay,
    @DefaultValue("PT10M") Duration webhookMaxDelay,
    @DefaultValue("PT5S") Duration webhookTimeout,
    @DefaultValue("PT1S") Duration webhookPoll,
    @DefaultValue("42") long webhookSeed) {

  /** Refuses settings that make no sense, naming the environment variable to fix. */
  public ActProperties {
    if (frequencyCap < 1) {
      throw new IllegalArgumentException("CUSTOMER_GRAPH_ACT_FREQUENCY_CAP must be at least 1, got " + frequencyCap);
    }
    if (webhookAttempts < 1 || webhookAttempts > 20) {
      throw new IllegalArgumentException("CUSTOMER_GRAPH_ACT_WEBHOOK_ATTEMPTS must be between 1 and 20, got " + webhookAttempts);
    }
    if (webhookBaseDelay.isNegative() || webhookMaxDelay.compareTo(webhookBaseDelay) < 0) {
      throw new IllegalArgumentException("CUSTOMER_GRAPH_ACT_WEBHOOK_MAX_DELAY must be at least the base delay");
    }
  }
}
