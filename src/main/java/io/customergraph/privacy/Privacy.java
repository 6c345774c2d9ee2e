package io.customergraph.privacy;

import io.customergraph.graph.Ids;
import io.customergraph.resolve.EntityIndex;
import io.customergraph.resolve.EntityKind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

/**
 * Export and erasure of a person's data.
 *
 * <p>Erasure runs as idempotent steps recorded on an {@code Erasure} node, so a crash midway is finished at the next
 * start (or by asking again): (1) the person's words are removed — what they sent, said or raised is replaced by
 * {@code [erased]}, and their names, addresses and numbers are cut out of every other email, call and ticket they took
 * part in, language-tag spans included; (2) what they did (activities), their scores, overrides, outcomes, actions and
 * reviews are deleted; (3) invoices billed to them are kept for legal retention but no longer point at them; (4) the
 * provenance records that produced them lose their raw payload; (5) their identity keys, merged-away copies and the
 * contact itself are deleted, and the candidate index forgets them; (6) the word vectors are retrained without their
 * text. What remains is the {@code Erasure} record: a one-way hash of the id, when, and counts.
 */
@Service
public class Privacy implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(Privacy.class);
  static final String ERASED = "[erased]";
  /** Text properties of emails, calls and tickets. */
  private static final List<String> TEXT = List.of(
      "subject", "body", "quoted", "signature", "transcript", "description", "title", "comments", "speakers", "replyTo", "attachmentNames");

  /** What an erasure did, without personal data. */
  public record Erasure(String id, String subject, String status, Instant requestedAt, @Nullable Instant completedAt, Map<String, Long> counts) {}

  /** A refused request, with a code a client can branch on. */
  public static final class Rejected extends io.customergraph.graph.Refused {
    Rejected(String code, String message) {
      super(code, message);
    }
  }

  private final Neo4jClient client;
  private final EntityIndex index;
  private final io.customergraph.language.WordVectorService vectors;
  private final Clock clock;

  private final io.customergraph.security.Pseudonyms pseudonyms;

  Privacy(Neo4jClient client, EntityIndex index, io.customergraph.language.WordVectorService vectors, Clock clock,
      io.customergraph.security.Pseudonyms pseudonyms) {
    this.pseudonyms = pseudonyms;
    this.client = client;
    this.index = index;
    this.vectors = vectors;
    this.clock = clock;
  }

  /** The one-way key an erasure is filed under: the same id always gives the same key, the key never gives the id. */
  static String subjectOf(String contactId) {
    return Ids.sha256("erasure:" + contactId);
  }

  // ------------------------------------------------------------------ export

  /** Everything held about a person, as one JSON-ready document. Empty if there is no such contact. */
  public Optional<Map<String, Object>> export(String contactId) {
    Optional<Map<String, Object>> contact = client.query(
            """
            MATCH (c:Contact {id: $id})
            OPTIONAL MATCH (m:MergedContact)-[:SAME_AS]->(c)
            WITH c, [c.id] + collect(m.id) AS ids
            RETURN c {.*} AS contact,
                   [(c)-[:WORKS_AT]->(a:Account) | a {.id, .name, .domain}] AS accounts,
                   ids AS ids,
                   COLLECT { UNWIND [c.email] + coalesce(c.emails, []) + [(m:MergedContact)-[:SAME_AS]->(c) | m.email] AS e
                             WITH e WHERE e IS NOT NULL RETURN DISTINCT e ORDER BY e } AS emailAddresses,
                   COLLECT { MATCH (x:Alias)-[:ALIAS_OF]->(c) RETURN x.key AS k
                             UNION MATCH (x:Alias) WHERE x.key IN ['id:' + c.id] + [i IN ids | 'id:' + i] RETURN x.key AS k
                             UNION UNWIND ids AS i RETURN 'id:' + i AS k } AS identityKeys,
                   [(m:MergedContact)-[:SAME_AS]->(c) | m {.*}] AS mergedRecords,
                   COLLECT { MATCH (c)-[:SENT|RAISED|JOINED]->(x)-[t:TAGGED]->(tag:Tag)
                             RETURN {interaction: x.id, tag: tag.name, span: t.span, field: t.field, confidence: t.confidence} AS t ORDER BY x.id, tag.name } AS tagsInTheirWords,
                   coalesce(c.consentLog, []) AS consentHistory,
                   COLLECT { MATCH (s:Score) WHERE s.entityId IN ids
                             RETURN {kind: s.kind, days: s.historyDays, probabilities: s.historyValues} AS h } AS scoreHistory,
                   COLLECT { MATCH (e:AuditEvent) WHERE any(i IN ids WHERE i IN e.subjects)
                             RETURN e {.id, .at, .lastAt, .requests, .callerId, .callerName, .operation, .access, .fields} AS e ORDER BY e.at DESC LIMIT 1000 } AS auditEvents,
                   [(c)-[:SENT]->(e:Email) | e {.*, role: 'sender'}]
                   + [(e:Email)-[:TO|CC]->(c) | e {.*, role: 'recipient'}] AS emails,
                   [(c)-[:JOINED]->(k:Call) | k {.*}] AS calls,
                   [(c)-[:RAISED]->(t:Ticket) | t {.*}] AS tickets,
                   [(c)-[:PERFORMED]->(x:Activity) | x {.*}] AS activities,
                   [(i:Invoice)-[:BILLED_TO]->(c) | i {.*}] AS invoices,
                   COLLECT { MATCH (s:Score) WHERE s.entityId IN ids RETURN s {.*} } AS scores,
                   [(c)-[:OVERRIDDEN]->(o) | o {.*}] AS overrides,
                   [(c)-[:HAD_OUTCOME]->(o) | o {.*}] AS outcomes,
                   [(a:Action)-[:ADDRESSED_TO]->(c) | a {.*}] AS actions,
                   [(s:SourceRecord)-[:PRODUCED|RESOLVED_TO]->(c) | s {.*}] AS sourceRecords""")
        .bind(contactId).to("id").fetch().one();
    return contact.map(r -> {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("exportedAt", clock.instant().toString());
      out.put("subject", contactId);
      r.forEach((k, v) -> out.put(k, jsonReady(v)));
      return out;
    });
  }

  /** Neo4j values as plain JSON values (times as ISO-8601 text). */
  private static @Nullable Object jsonReady(@Nullable Object v) {
    return switch (v) {
      case null -> null;
      case Map<?, ?> m -> {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, x) -> out.put(String.valueOf(k), jsonReady(x)));
        yield out;
      }
      case Collection<?> c -> c.stream().map(Privacy::jsonReady).toList();
      case java.time.temporal.TemporalAccessor t -> t.toString();
      default -> v;
    };
  }

  // ------------------------------------------------------------------ erasure

  /**
   * Erases a person. Asking again for the same id returns the finished record; an erasure interrupted by a crash is
   * finished by asking again or at the next start.
   */
  public Erasure erase(String contactId) {
    String subject = subjectOf(contactId);
    Optional<Erasure> done = erasure(subject);
    if (done.isPresent() && done.get().status().equals("DONE")) {
      return done.get();
    }
    boolean exists = client.query("MATCH (c:Contact {id: $id}) RETURN count(c) > 0").bind(contactId).to("id").fetchAs(Boolean.class).one().orElse(false);
    if (!exists && done.isEmpty()) {
      throw new Rejected("NOT_FOUND", "No contact has the id " + contactId + " (an id merged into another: erase the survivor)");
    }
    Instant now = clock.instant();
    // The id is kept on the record only while the erasure runs, so a crash can be finished; removed at the end.
    client.query(
            """
            MERGE (e:Erasure {id: $subject})
              ON CREATE SET e.subject = $subject, e.requestedAt = $now, e.status = 'IN_PROGRESS', e.contactId = $id""")
        .bindAll(Map.of("subject", subject, "now", ZonedDateTime.ofInstant(now, ZoneOffset.UTC), "id", contactId)).run();
    return run(contactId, subject);
  }

  /** Finishes erasures a crash interrupted. */
  @Override
  public void run(ApplicationArguments args) {
    client.query("MATCH (e:Erasure {status: 'IN_PROGRESS'}) RETURN e.contactId AS id, e.subject AS subject").fetch().all().forEach(r -> {
      log.info("Finishing an interrupted erasure ({})", r.get("subject"));
      run((String) r.get("id"), (String) r.get("subject"));
    });
  }

  private Erasure run(String contactId, String subject) {
    Map<String, Long> counts = new LinkedHashMap<>();
    Map<String, Object> person = client.query(
            """
            MATCH (c:Contact {id: $id})
            OPTIONAL MATCH (m:MergedContact)-[:SAME_AS]->(c)
            WITH c, collect(m) AS merged
            RETURN [x IN [c] + merged | x.name] + coalesce(c.nameVariants, []) AS names,
                   [x IN [c] + merged | x.email] + coalesce(c.emails, []) AS emails,
                   [x IN [c] + merged | x.phone] + coalesce(c.phones, []) AS phones,
                   [m IN merged | m.id] AS mergedIds""")
        .bind(contactId).to("id").fetch().one().orElse(Map.of());
    List<String> mergedIds = strings(person.get("mergedIds"));
    List<String> ids = new ArrayList<>(List.of(contactId));
    ids.addAll(mergedIds);
    // 1. Their words: own messages wholly, others' messages where they are named.
    counts.put("ownMessagesErased", client.query(
            """
            UNWIND $ids AS id
            MATCH (:Contact|MergedContact {id: id})-[:SENT|RAISED]->(x)
            SET x.subject = $erased, x.body = CASE WHEN x.body IS NULL THEN null ELSE $erased END,
                x.description = CASE WHEN x.description IS NULL THEN null ELSE $erased END,
                x.quoted = null, x.signature = null, x.comments = null, x.attachmentNames = null
            WITH x
            OPTIONAL MATCH (x)-[t:TAGGED|MENTIONS]->()
            DELETE t
            RETURN count(DISTINCT x)""")
        .bindAll(Map.of("ids", ids, "erased", ERASED)).fetchAs(Long.class).one().orElse(0L));
    counts.put("textsRedacted", redact(ids, tokens(person)));
    // 2. What they did, and what was derived about them.
    counts.put("derivedDeleted", client.query(
            """
            UNWIND $ids AS id
            CALL (id) {
              MATCH (:Contact|MergedContact {id: id})-[:PERFORMED]->(x:Activity) RETURN x
              UNION
              MATCH (x:Score {entityId: id}) RETURN x
              UNION
              MATCH (x:ScoreOverride {entityId: id}) RETURN x
              UNION
              MATCH (x:Outcome {entityId: id}) RETURN x
              UNION
              MATCH (x:PredictionMiss {entityId: id}) RETURN x
              UNION
              MATCH (x:Action) WHERE x.contactId = id OR x.entityId = id RETURN x
              UNION
              MATCH (x:Review) WHERE x.aId = id OR x.bId = id RETURN x
            }
            OPTIONAL MATCH (x)-[:HAD_EVENT]->(ev:ActionEvent)
            DETACH DELETE ev
            WITH DISTINCT x
            DETACH DELETE x
            RETURN count(*)""")
        .bind(ids).to("ids").fetchAs(Long.class).one().orElse(0L));
    // 3. Invoices stay (legal retention) but no longer point at the person.
    counts.put("invoicesPseudonymised", client.query(
            """
            UNWIND $ids AS id
            MATCH (i:Invoice)-[b:BILLED_TO]->(:Contact|MergedContact {id: id})
            SET i.buyerContact = 'erased-' + substring($subject, 0, 12)
            DELETE b
            RETURN count(DISTINCT i)""")
        .bindAll(Map.of("ids", ids, "subject", subject)).fetchAs(Long.class).one().orElse(0L));
    // 4. Provenance keeps that a record was ingested, not what it said.
    counts.put("sourceRecordsStripped", client.query(
            """
            UNWIND $ids AS id
            MATCH (s:SourceRecord)-[:PRODUCED|RESOLVED_TO]->(:Contact|MergedContact {id: id})
            SET s.payload = null, s.metadata = null, s.reason = null, s.sourceId = 'erased-' + substring($subject, 0, 12)
            WITH DISTINCT s
            // Earlier versions of what the record produced hold what it said: they go.
            CALL (s) { MATCH (s)-[:HAD_VERSION]->(v:SourceVersion) DETACH DELETE v }
            RETURN count(s)""")
        .bindAll(Map.of("ids", ids, "subject", subject)).fetchAs(Long.class).one().orElse(0L));
    // 5. Identity keys, merged copies, the contact.
    counts.put("nodesDeleted", client.query(
            """
            UNWIND $ids AS id
            CALL (id) {
              MATCH (x:Alias)-[:ALIAS_OF]->(:Contact|MergedContact {id: id}) RETURN x
              UNION
              MATCH (x:Alias {key: 'id:' + id}) RETURN x
              UNION
              MATCH (x:Contact|MergedContact {id: id}) RETURN x
            }
            WITH DISTINCT x
            DETACH DELETE x
            RETURN count(*)""")
        .bind(ids).to("ids").fetchAs(Long.class).one().orElse(0L));
    index.refresh(EntityKind.CONTACT, ids);
    // The words of known people's names that analysts' pseudonyms mask in free text are cached: forget them.
    pseudonyms.forget();
    // 6. Word vectors trained on text that held their words are retrained from what is left (in the background).
    if (vectors.info().isPresent()) {
      Thread t = new Thread(() -> {
        try {
          vectors.train();
        } catch (RuntimeException e) {
          log.warn("Retraining word vectors after an erasure failed: {}", e.getMessage());
        }
      }, "erasure-retrain");
      t.setDaemon(true);
      t.start();
      counts.put("vectorsRetrained", 1L);
    }
    Map<String, Object> p = new HashMap<>();
    p.put("subject", subject);
    p.put("now", ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
    p.put("counts", counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    // The ids merged into the person find the erasure too (as one-way hashes, like its own id).
    p.put("aliases", mergedIds.stream().map(Privacy::subjectOf).toList());
    client.query("MATCH (e:Erasure {id: $subject}) SET e.status = 'DONE', e.completedAt = $now, e.counts = $counts, e.aliases = $aliases REMOVE e.contactId")
        .bindAll(p).run();
    return erasure(subject).orElseThrow();
  }

  /** Names, addresses and numbers to cut out of other people's text; short fragments (initials) are left alone. */
  private static Set<String> tokens(Map<String, Object> person) {
    Set<String> out = new LinkedHashSet<>();
    for (String key : List.of("names", "emails", "phones")) {
      for (String v : strings(person.get(key))) {
        if (v.strip().length() >= 3) {
          out.add(v.strip());
        }
      }
    }
    // "Allen, Phillip K." is also written "Phillip Allen".
    for (String name : strings(person.get("names"))) {
      if (name.contains(",")) {
        String[] parts = name.split(",", 2);
        String given = parts[1].strip().split("\\s+")[0];
        out.add(given + " " + parts[0].strip());
      }
    }
    return out;
  }

  /** The words of a person's names, three letters or more, longest first (addresses and numbers left out). */
  private static List<String> nameParts(Set<String> tokens) {
    Set<String> parts = new LinkedHashSet<>();
    for (String t : tokens) {
      if (t.contains("@") || t.chars().anyMatch(Character::isDigit)) {
        continue;
      }
      for (String word : t.split("[\\s,.]+")) {
        if (word.codePointCount(0, word.length()) >= 3 && word.chars().allMatch(c -> Character.isLetter(c) || c == '-' || c == '\'')) {
          parts.add(word);
        }
      }
    }
    return parts.stream().sorted((a, b) -> b.length() - a.length()).toList();
  }

  /** Cuts the person's names, addresses and numbers out of every text of the interactions they took part in. */
  private long redact(List<String> ids, Set<String> tokens) {
    if (tokens.isEmpty()) {
      return 0;
    }
    List<Pattern> patterns = new ArrayList<>(tokens.stream()
        .sorted((a, b) -> b.length() - a.length())
        .map(t -> Pattern.compile(Pattern.quote(t), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)).toList());
    // Then each word of their names alone, as a name is written ("Hi Jessica," in a rep's email; issue #19.3): whole
    // words only, capitalised or in capitals, so "will" the verb stays when Will is erased ("Will you…" at the start
    // of a sentence goes too: erasure errs on the side of the person).
    for (String part : nameParts(tokens)) {
      String capitalised = part.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + part.substring(1).toLowerCase(java.util.Locale.ROOT);
      patterns.add(Pattern.compile("(?<![\\p{L}\\p{N}@.])(?:" + Pattern.quote(capitalised) + "|" + Pattern.quote(part.toUpperCase(java.util.Locale.ROOT))
          + ")(?![\\p{L}\\p{N}])"));
    }
    long changed = 0;
    for (Map<String, Object> r : client.query(
            """
            UNWIND $ids AS id
            MATCH (:Contact|MergedContact {id: id})-[:SENT|TO|CC|JOINED|RAISED]-(x)
            WHERE x:Email OR x:Call OR x:Ticket
            WITH DISTINCT x
            RETURN x.id AS id, labels(x)[0] AS label, x {.subject, .body, .quoted, .signature, .transcript, .description, .title,
                   .comments, .speakers, .replyTo, .attachmentNames} AS text,
                   [(x)-[t:TAGGED|MENTIONS]->() | {id: elementId(t), span: t.span}] AS spans""")
        .bind(ids).to("ids").fetch().all()) {
      Map<String, Object> updates = new HashMap<>();
      @SuppressWarnings("unchecked") Map<String, Object> text = (Map<String, Object>) r.get("text");
      for (String key : TEXT) {
        Object v = text.get(key);
        Object redacted = redactValue(v, patterns);
        if (v != null && !v.equals(redacted)) {
          updates.put(key, redacted);
        }
      }
      List<Map<String, Object>> spans = new ArrayList<>();
      for (Object o : (List<?>) r.get("spans")) {
        Map<?, ?> s = (Map<?, ?>) o;
        Object redacted = redactValue(s.get("span"), patterns);
        if (s.get("span") != null && !s.get("span").equals(redacted)) {
          spans.add(Map.of("id", s.get("id"), "span", redacted));
        }
      }
      if (!updates.isEmpty() || !spans.isEmpty()) {
        changed++;
        // The label comes from the NodeKind of the id (Email, Call or Ticket).
        String label = io.customergraph.graph.NodeKind.ofId((String) r.get("id")).orElseThrow().label();
        client.query(
                """
                MATCH (x:%s {id: $id}) SET x += $updates
                WITH x
                UNWIND $spans AS s
                MATCH (x)-[t]->() WHERE elementId(t) = s.id
                SET t.span = s.span""".formatted(label))
            .bindAll(Map.of("id", r.get("id"), "updates", updates, "spans", spans)).run();
      }
    }
    return changed;
  }

  private static @Nullable Object redactValue(@Nullable Object v, List<Pattern> patterns) {
    if (v instanceof String s) {
      String out = s;
      for (Pattern p : patterns) {
        out = p.matcher(out).replaceAll(ERASED);
      }
      return out;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(x -> redactValue(x, patterns)).toList();
    }
    return v;
  }

  private static List<String> strings(@Nullable Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      l.stream().filter(java.util.Objects::nonNull).forEach(x -> out.add(String.valueOf(x)));
    }
    return out;
  }

  /** An erasure record by its subject key. */
  public Optional<Erasure> erasure(String subject) {
    return client.query("MATCH (e:Erasure) WHERE e.id = $subject OR $subject IN coalesce(e.aliases, []) RETURN e LIMIT 1").bind(subject).to("subject").fetch().one().map(r -> {
      var e = (org.neo4j.driver.types.Node) r.get("e");
      Map<String, Long> counts = new LinkedHashMap<>();
      if (!e.get("counts").isNull()) {
        for (String kv : e.get("counts").asList(x -> x.asString())) {
          String[] parts = kv.split("=", 2);
          counts.put(parts[0], Long.parseLong(parts[1]));
        }
      }
      return new Erasure(e.get("id").asString(), e.get("subject").asString(), e.get("status").asString(),
          e.get("requestedAt").asZonedDateTime().toInstant(),
          e.get("completedAt").isNull() ? null : e.get("completedAt").asZonedDateTime().toInstant(), counts);
    });
  }

  /** The erasure record of a contact id, if it was erased (the id is hashed the same way). */
  public Optional<Erasure> erasureOf(String contactId) {
    return erasure(subjectOf(contactId));
  }

}
