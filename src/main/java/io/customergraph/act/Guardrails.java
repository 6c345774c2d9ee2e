package io.customergraph.act;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

/**
 * The rules that hold automation back, each returned with its reason and evidence: an account at risk pauses sales
 * outreach; a person without marketing consent, or marked do-not-contact, gets nothing; a frequency cap per person;
 * quiet hours in the person's time zone.
 */
@Component
public class Guardrails {

  private final Neo4jClient client;
  private final ActProperties properties;

  Guardrails(Neo4jClient client, ActProperties properties) {
    this.client = client;
    this.properties = properties;
  }

  /** Why an account is at risk right now (open severe tickets, recent frustration, disputed invoices); empty if not. */
  public List<Suppression> atRisk(String accountId, Instant now) {
    Map<String, Object> r = client.query(
            """
            MATCH (a:Account {id: $id})
            RETURN [(a)<-[:FOR]-(t:Ticket) WHERE t.priority IN $priorities AND t.solvedAt IS NULL
                      AND NOT t.status IN ['SOLVED', 'CLOSED'] | t.id] AS tickets,
                   [(a)<-[:WORKS_AT]-(:Contact)-[:SENT|JOINED]->(x)-[:TAGGED]->(g:Tag)
                      WHERE g.name IN ['FRUSTRATION', 'COMPLAINT', 'CHURN'] AND datetime(x.occurredAt) >= $since
                        AND (x:Call OR (x:Email AND x.direction = 'INBOUND')) | x.id]
                   + [(a)<-[:FOR]-(t:Ticket)-[:TAGGED]->(g:Tag)
                      WHERE g.name IN ['FRUSTRATION', 'COMPLAINT', 'CHURN'] AND datetime(t.occurredAt) >= $since | t.id] AS frustrated,
                   [(a)<-[:FOR]-(i:Invoice {status: 'DISPUTED'}) | i.id] AS disputed""")
        .bindAll(Map.of("id", accountId, "priorities", properties.riskPriorities(),
            "since", ZonedDateTime.ofInstant(now.minus(properties.frustrationWindow()), ZoneOffset.UTC)))
        .fetch().one().orElse(Map.of());
    List<Suppression> out = new ArrayList<>();
    List<String> tickets = ids(r.get("tickets"));
    if (!tickets.isEmpty()) {
      out.add(new Suppression("ACCOUNT_AT_RISK", "%d open %s ticket(s) at the account: sales outreach is paused until they are solved"
          .formatted(tickets.size(), String.join("/", properties.riskPriorities()).toLowerCase(java.util.Locale.ROOT)), tickets, null));
    }
    List<String> frustrated = ids(r.get("frustrated")).stream().distinct().toList();
    if (!frustrated.isEmpty()) {
      out.add(new Suppression("ACCOUNT_AT_RISK", "Frustration or complaints in the last %d days: sales outreach is paused"
          .formatted(properties.frustrationWindow().toDays()), frustrated, null));
    }
    List<String> disputed = ids(r.get("disputed"));
    if (!disputed.isEmpty()) {
      out.add(new Suppression("ACCOUNT_AT_RISK", "A disputed invoice: sales outreach is paused until it is settled", disputed, null));
    }
    return out;
  }

  /**
   * What holds back a contact-facing action to this person now: do-not-contact, the frequency cap, quiet hours; and,
   * for sales outreach, no marketing consent and the person's account at risk.
   */
  public List<Suppression> forContact(String contactId, boolean salesOutreach, Instant now) {
    Map<String, Object> r = client.query(
            """
            MATCH (c:Contact {id: $id})
            RETURN c.doNotContact AS dnc, c.consentMarketing AS consent, c.timeZone AS zone,
                   [(c)-[:WORKS_AT]->(a:Account) | a.id] AS accounts,
                   [(c)<-[:ADDRESSED_TO]-(x:Action) WHERE x.status = 'DISPATCHED' AND x.dispatchedAt > $since | x] AS recent""")
        .bindAll(Map.of("id", contactId, "since", ZonedDateTime.ofInstant(now.minus(properties.frequencyWindow()), ZoneOffset.UTC)))
        .fetch().one().orElse(null);
    if (r == null) {
      return List.of(new Suppression("NOT_FOUND", "No contact has the id " + contactId, List.of(), null));
    }
    List<Suppression> out = new ArrayList<>();
    if (Boolean.TRUE.equals(r.get("dnc"))) {
      out.add(new Suppression("DO_NOT_CONTACT", "Marked do-not-contact", List.of(contactId), null));
    }
    // Marketing consent governs sales outreach; a payment reminder to the person who is billed rests on the contract
    // (GDPR Art. 6(1)(b)), not on marketing consent (found by the test of issue #19: every chase was held back).
    // Do-not-contact holds for everything.
    if (salesOutreach && properties.consentRequired() && !Boolean.TRUE.equals(r.get("consent"))) {
      out.add(new Suppression("NO_CONSENT", r.get("consent") == null
          ? "No marketing consent recorded for this person" : "Marketing consent withdrawn", List.of(contactId), null));
    }
    List<?> recent = (List<?>) r.get("recent");
    if (recent.size() >= properties.frequencyCap()) {
      Instant oldest = recent.stream().map(x -> ((org.neo4j.driver.types.Node) x).get("dispatchedAt").asZonedDateTime().toInstant())
          .min(Instant::compareTo).orElse(now);
      out.add(new Suppression("FREQUENCY_CAP", "%d actions already sent to this person in the last %d days (cap %d)"
          .formatted(recent.size(), properties.frequencyWindow().toDays(), properties.frequencyCap()),
          recent.stream().map(x -> ((org.neo4j.driver.types.Node) x).get("id").asString()).sorted().toList(),
          oldest.plus(properties.frequencyWindow())));
    }
    Instant quietUntil = quietUntil((String) r.get("zone"), now);
    if (quietUntil != null) {
      out.add(new Suppression("QUIET_HOURS", "Quiet hours (%s–%s) in %s: dispatch waits".formatted(
          properties.quietStart(), properties.quietEnd(), r.get("zone")), List.of(contactId), quietUntil));
    }
    if (salesOutreach) {
      for (String account : ids(r.get("accounts"))) {
        out.addAll(atRisk(account, now));
      }
    }
    return out;
  }

  /** The end of the quiet hours the moment falls in, in that time zone; null outside them or without a zone. */
  @Nullable Instant quietUntil(@Nullable String zone, Instant now) {
    if (zone == null) {
      return null;
    }
    ZoneId id;
    try {
      id = ZoneId.of(zone);
    } catch (java.time.DateTimeException e) {
      return null;
    }
    LocalDateTime local = LocalDateTime.ofInstant(now, id);
    LocalTime t = local.toLocalTime();
    LocalTime start = properties.quietStart();
    LocalTime end = properties.quietEnd();
    boolean wraps = start.isAfter(end);
    boolean quiet = wraps ? !t.isBefore(start) || t.isBefore(end) : !t.isBefore(start) && t.isBefore(end);
    if (!quiet) {
      return null;
    }
    LocalDateTime until = t.isBefore(end) ? local.toLocalDate().atTime(end) : local.toLocalDate().plusDays(1).atTime(end);
    return until.atZone(id).toInstant();
  }

  private static List<String> ids(@Nullable Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      l.forEach(x -> out.add(String.valueOf(x)));
    }
    return out;
  }
}
