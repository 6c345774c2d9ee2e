package io.customergraph.act;

import io.customergraph.language.WordVectorService;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

/**
 * Email drafts from what the graph holds: the person's name and last message, the open deal, the invoice — and one
 * paragraph from an email of ours that preceded a won deal, the nearest to the person's last message by word
 * vectors. Nothing is invented; every fact comes from a node the draft names as a source.
 */
@Component
class Drafts {

  /** Our emails considered as models: sent within this many days before a deal was won. */
  private static final int WON_WINDOW_DAYS = 30;
  /** Candidate model emails compared per draft. */
  private static final int CANDIDATES = 200;

  record Draft(String subject, String body, List<String> sources) {}

  private final Neo4jClient client;
  private final WordVectorService vectors;
  private final java.util.Set<String> ownProducts;

  Drafts(Neo4jClient client, WordVectorService vectors,
      @org.springframework.beans.factory.annotation.Value("${customer-graph.language.own-products:Graph Starter,Graph Pro,Graph Enterprise}") List<String> ownProducts) {
    this.client = client;
    this.vectors = vectors;
    this.ownProducts = java.util.Set.copyOf(ownProducts);
  }

  Draft write(Action.Type type, String contactId, @Nullable String targetId, @Nullable String dealId, Instant now) {
    Map<String, Object> c = client.query(
            """
            MATCH (c:Contact {id: $id})
            OPTIONAL MATCH (c)-[:WORKS_AT]->(a:Account)
            OPTIONAL MATCH (c)-[:SENT]->(e:Email {direction: 'INBOUND'})
            WITH c, a, e ORDER BY e.occurredAt DESC
            WITH c, a, head(collect(e)) AS last
            OPTIONAL MATCH (d:Deal {id: $deal})
            OPTIONAL MATCH (i:Invoice {id: $target})
            RETURN c.name AS name, a.name AS account, a.id AS accountId, last.id AS lastId, last.subject AS lastSubject,
                   last.body AS lastBody, d.id AS dealId, d.name AS deal, coalesce(d.owner, a.owner) AS owner, i.id AS invoiceId,
                   i.number AS invoice, i.amount AS amount, i.currency AS currency, i.dueAt AS dueAt""")
        .bindAll(params(contactId, dealId, targetId))
        .fetch().one().orElseThrow();
    List<String> sources = new ArrayList<>();
    sources.add(contactId);
    String first = firstName((String) c.get("name"));
    String account = c.get("account") == null ? "your team" : (String) c.get("account");
    if (c.get("accountId") != null) {
      sources.add((String) c.get("accountId"));
    }
    String lastSubject = (String) c.get("lastSubject");
    if (c.get("lastId") != null) {
      sources.add((String) c.get("lastId"));
    }
    String deal = (String) c.get("deal");
    if (c.get("dealId") != null) {
      sources.add((String) c.get("dealId"));
    }
    String subject;
    String opening;
    switch (type) {
      case CHASE_INVOICE -> {
        sources.add((String) c.get("invoiceId"));
        String due = c.get("dueAt") instanceof ZonedDateTime z ? z.toLocalDate().toString() : "its due date";
        subject = "Invoice " + c.get("invoice");
        opening = "Invoice %s (%s %s) was due on %s and is still open on our side. Could you let us know when we can expect payment, or whether anything is holding it up?"
            .formatted(c.get("invoice"), amount(c.get("amount")), c.get("currency") == null ? "" : c.get("currency"), due);
      }
      case MEETING_SUGGESTION -> {
        subject = deal != null ? "Next step on " + deal : lastSubject != null ? "Re: " + lastSubject : "A short call?";
        // The last message's subject stays in the subject line ("Re: …"): quoted inside a sentence it read oddly
        // ('go through "Call this week?" together', issue #19.5).
        opening = "Would a 30-minute call next week help? We could go through " + (deal != null ? deal : "your questions")
            + " together. Tell me a time that suits you.";
      }
      case RE_ENGAGE_CHAMPION -> {
        subject = deal != null ? "Still a priority? " + deal : "Checking in";
        opening = "It has been a few weeks since we last spoke" + (deal != null ? " about " + deal : "") + ". Is this still a priority for "
            + account + ", and is there anything I can help with?";
      }
      default -> {
        subject = lastSubject != null ? "Re: " + lastSubject : deal != null ? deal : "Following up";
        opening = lastSubject != null ? "Following up on your message \"" + lastSubject + "\"." : deal != null
            // With no message from them and no deal, there was no "last conversation" to follow up on (issue #19.5);
            // and saying what they viewed would be creepy.
            ? "Following up on " + deal + "." : "I wanted to check in and see whether I can help with anything.";
      }
    }
    StringBuilder body = new StringBuilder("Hi ").append(first).append(",\n\n").append(opening).append("\n");
    if (type != Action.Type.CHASE_INVOICE) {
      // What the person's graph holds is read only when there is a paragraph to check against it.
      nearestWonEmail((String) c.get("lastBody"), now).map(m -> m.keeping(facts(contactId, (String) c.get("accountId")))).ifPresent(m -> {
        body.append("\n[Suggested, from our email ").append(m.id()).append(" that preceded a won deal")
            .append(m.similarity() == null ? "" : String.format(Locale.ROOT, ", similarity %.2f", m.similarity())).append("]\n")
            .append(m.paragraph()).append("\n");
        sources.add(m.id());
      });
    }
    body.append("\nBest regards,\n").append(c.get("owner") == null ? "" : c.get("owner"));
    return new Draft(subject, body.toString().strip(), List.copyOf(sources));
  }

  private static Map<String, Object> params(String contactId, @Nullable String dealId, @Nullable String targetId) {
    Map<String, Object> p = new java.util.HashMap<>();
    p.put("id", contactId);
    p.put("deal", dealId);
    p.put("target", targetId);
    return p;
  }

  private record Model(String id, String paragraph, @Nullable Double similarity) {
    /** The paragraph with only the sentences whose claims hold for this person; empty when none is left. */
    @Nullable Model keeping(Facts facts) {
      String kept = Claims.keep(paragraph, facts);
      return kept == null ? null : new Model(id, kept, similarity);
    }
  }

  /** What the graph holds about the person a draft is for, against which a borrowed sentence's claims are checked. */
  record Facts(java.util.Set<String> ownProducts, java.util.Set<String> products, boolean talked, boolean met) {}

  /**
   * Products the person's account has deals or mail about, and whether we ever talked (an email from them, a call) or
   * met (a call they joined).
   */
  private Facts facts(String contactId, @Nullable String accountId) {
    Map<String, Object> r = client.query(
            """
            MATCH (c:Contact {id: $id})
            OPTIONAL MATCH (a:Account {id: $account})
            RETURN [(a)<-[:FOR]-(d:Deal) WHERE d.product IS NOT NULL | toLower(d.product)]
                   + [(a)<-[:FOR]-(d:Deal) WHERE d.name IS NOT NULL | toLower(d.name)] AS products,
                   EXISTS { (c)-[:SENT]->(:Email) } OR EXISTS { (c)-[:JOINED]->(:Call) } AS talked,
                   EXISTS { (c)-[:JOINED]->(:Call) } AS met""")
        .bindAll(java.util.Map.of("id", contactId, "account", accountId == null ? "" : accountId)).fetch().one().orElse(Map.of());
    java.util.Set<String> products = new java.util.HashSet<>();
    for (Object o : (List<?>) r.getOrDefault("products", List.of())) {
      products.add(String.valueOf(o));
    }
    return new Facts(ownProducts, products, Boolean.TRUE.equals(r.get("talked")), Boolean.TRUE.equals(r.get("met")));
  }

  /** The first paragraph of one of our emails that preceded a won deal, the nearest to the person's last message. */
  private Optional<Model> nearestWonEmail(@Nullable String lastBody, Instant now) {
    List<Map<String, Object>> candidates = List.copyOf(client.query(
            """
            MATCH (d:Deal {stage: 'WON'})-[:FOR]->(a:Account)<-[:WORKS_AT]-(c:Contact)<-[:TO]-(e:Email {direction: 'OUTBOUND'})
            WHERE d.closedAt <= $now AND e.occurredAt <= d.closedAt AND e.occurredAt >= d.closedAt - duration({days: $days})
            RETURN DISTINCT e.id AS id, e.body AS body, a.name AS account,
                   [(a)<-[:WORKS_AT]-(p:Contact) | p.name] AS people ORDER BY e.id LIMIT $limit""")
        .bindAll(Map.of("now", ZonedDateTime.ofInstant(now, ZoneOffset.UTC), "days", WON_WINDOW_DAYS, "limit", CANDIDATES))
        .fetch().all());
    Model best = null;
    double[] target = lastBody == null ? null : mean(lastBody);
    for (Map<String, Object> r : candidates) {
      String paragraph = firstParagraph((String) r.get("body"));
      // A paragraph written to another customer must not carry that customer's name (or its people's) to this one.
      if (paragraph == null || names((String) r.get("account"), (List<?>) r.get("people")).stream().anyMatch(n -> mentions(paragraph, n))) {
        continue;
      }
      Double sim = target == null ? null : cosine(target, mean(paragraph));
      if (best == null || (sim != null && (best.similarity() == null || sim > best.similarity()))) {
        best = new Model((String) r.get("id"), paragraph, sim);
      }
    }
    return Optional.ofNullable(best);
  }

  private double @Nullable [] mean(String text) {
    double[] sum = null;
    int n = 0;
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
      Optional<double[]> v = w.isEmpty() ? Optional.empty() : vectors.vector(w);
      if (v.isPresent()) {
        if (sum == null) {
          sum = new double[v.get().length];
        }
        for (int i = 0; i < sum.length; i++) {
          sum[i] += v.get()[i];
        }
        n++;
      }
    }
    if (sum != null) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] /= n;
      }
    }
    return sum;
  }

  private static @Nullable Double cosine(double @Nullable [] a, double @Nullable [] b) {
    if (a == null || b == null) {
      return null;
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? null : dot / Math.sqrt(na * nb);
  }

  /** The first paragraph that is not a greeting, a sign-off or quoted history. */
  static @Nullable String firstParagraph(@Nullable String body) {
    if (body == null) {
      return null;
    }
    for (String p : body.split("\\n\\s*\\n")) {
      String t = p.strip();
      if (t.length() < 40 || t.startsWith(">") || t.toLowerCase(Locale.ROOT).matches("^(hi|hello|dear|thanks|best|regards|cheers)\\b.*") && t.length() < 60) {
        continue;
      }
      return t.length() > 600 ? t.substring(0, 600) + "…" : t;
    }
    return null;
  }

  /** The words of an account's and its people's names worth looking for (legal suffixes and short words left out). */
  private static List<String> names(@Nullable String account, @Nullable List<?> people) {
    List<String> out = new ArrayList<>();
    List<String> all = new ArrayList<>();
    if (account != null) {
      all.add(account);
    }
    if (people != null) {
      people.forEach(p -> all.add(String.valueOf(p)));
    }
    for (String n : all) {
      for (String w : n.split("[^\\p{L}\\p{N}]+")) {
        if (w.length() >= 4 && !List.of("corp", "corporation", "group", "capital", "holdings", "systems", "software", "networks", "labs")
            .contains(w.toLowerCase(Locale.ROOT))) {
          out.add(w);
        }
      }
    }
    return out;
  }

  private static boolean mentions(String text, String word) {
    return java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(word) + "\\b", java.util.regex.Pattern.CASE_INSENSITIVE)
        .matcher(text).find();
  }

  static String firstName(@Nullable String name) {
    if (name == null || name.isBlank()) {
      return "there";
    }
    String n = name.strip();
    if (n.contains(",")) {
      // "Allen, Phillip K." is written surname first.
      String after = n.substring(n.indexOf(',') + 1).strip();
      return after.isEmpty() ? n.substring(0, n.indexOf(',')) : after.split("\\s+")[0];
    }
    return n.split("\\s+")[0];
  }

  private static String amount(@Nullable Object a) {
    return a instanceof Number n ? String.format(Locale.ROOT, "%,.2f", n.doubleValue()) : "";
  }
}
