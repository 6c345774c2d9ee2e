package io.customergraph.act;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A guardrail that holds an action back, with its reason and the nodes that show it.
 *
 * @param code ACCOUNT_AT_RISK, NO_CONSENT, DO_NOT_CONTACT, FREQUENCY_CAP or QUIET_HOURS
 * @param until when it lifts by itself (quiet hours, the frequency window), null if a person must change something
 */
public record Suppression(String code, String message, List<String> evidenceIds, @Nullable Instant until) {}
