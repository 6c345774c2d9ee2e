package io.customergraph.language;

import io.customergraph.graph.CypherQueries;
import io.customergraph.graph.Ids;
import io.customergraph.graph.NodeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

/**
 * Language signals in the graph: tags every interaction's text (email new text, call transcript, ticket subject and
 * description) and stores them as {@code (interaction)-[:TAGGED {field, start, end, span, confidence, version}]->(Tag)}
 * and {@code -[:MENTIONS {…}]->(Competitor)}; a field's tags are replaced whole, so tagging again is exact.
 * Competitors are the {@code Competitor} nodes of the graph (name and aliases); our own products never count.
 */
@Service
public class Signals {

  /**
   * Text of one interaction field to tag. {@code label} is Email, Call or Ticket. {@code ours} marks text we wrote
   * (an outbound email): there only competitor mentions count, since frustration, pricing, budget, meeting, churn and
   * complaint tags describe the customer, not us. An email's body is tagged in its author's own words only
   * ({@link Segments}: not a news story, list mail or disclaimer in it); {@code listMail} says its headers mark it as
   * list mail.
   */
  public record Text(String label, String id, String field, @Nullable String text, boolean ours, boolean listMail) {
    public Text(String label, String id, String field, @Nullable String text) {
      this(label, id, field, text, false, false);
    }

    public Text(String label, String id, String field, @Nullable String text, boolean ours) {
      this(label, id, field, text, ours, false);
    }

    /** What is tagged: for an email's body its author's own words, the rest blanked so that offsets hold. */
    String tagged() {
      return text == null ? "" : label.equals("Email") && field.equals("body") ? Segments.ownWords(text, listMail) : text;
    }
  }

  /** A stored tag or mention, as shown on an interaction. */
  public record TagMatch(String name, String field, int start, int end, String span, double confidence, String version, @Nullable String detail) {}

  private static final Set<String> LABELS = Set.of("Email", "Call", "Ticket");
  private static final int PAGE = 1_000;

  private final Neo4jClient client;
  private final Sentiment sentiment = Sentiment.standard();
  private final Set<String> ownProducts;
  private final AtomicReference<@Nullable Tagger> tagger = new AtomicReference<>();

  Signals(Neo4jClient client, @Value("${customer-graph.language.own-products:Graph Starter,Graph Pro,Graph Enterprise}") List<String> ownProducts) {
    this.client = client;
    this.ownProducts = Set.copyOf(ownProducts);
  }

  /** The tagger for the competitors now in the graph (built on first use and after {@link #refreshCompetitors()}). */
  Tagger tagger() {
    Tagger t = tagger.get();
    if (t == null) {
      t = refreshCompetitors();
    }
    return t;
  }

  /** Rebuilds the tagger from the graph's Competitor nodes. */
  public Tagger refreshCompetitors() {
    Map<String, List<String>> competitors = new LinkedHashMap<>();
    client.query("MATCH (c:Competitor) RETURN c.name AS name, coalesce(c.aliases, []) AS aliases ORDER BY c.id").fetch().all()
        .forEach(r -> {
          @SuppressWarnings("unchecked")
          List<String> aliases = (List<String>) r.get("aliases");
          competitors.put((String) r.get("name"), aliases);
        });
    Tagger t = new Tagger(sentiment, new CompetitorMatcher(competitors, ownProducts));
    tagger.set(t);
    return t;
  }

  /** Tags and stores the signals of these texts (call inside the writing transaction to make them part of it). */
  public void tag(List<Text> texts) {
    write(compute(texts));
  }

  /**
   * The signals of one interaction field, ready to store: found without touching the database (beyond loading the
   * competitor list once), so ingestion computes them while parsing, ahead of the writing transaction.
   */
  public record Tagged(String label, Map<String, Object> row) {
    /** Whether any tag or mention was found (if not, writing it only clears the field's earlier tags). */
    public boolean hasSignals() {
      return !((List<?>) row.get("tags")).isEmpty() || !((List<?>) row.get("mentions")).isEmpty();
    }
  }

  /** Tags these texts; nothing is stored until {@link #write}. */
  public List<Tagged> compute(List<Text> texts) {
    Tagger t = tagger();
    List<Tagged> out = new ArrayList<>(texts.size());
    for (Text text : texts) {
      if (!LABELS.contains(text.label())) {
        throw new IllegalArgumentException("Only emails, calls and tickets are tagged, not " + text.label());
      }
      List<Map<String, Object>> tags = new ArrayList<>();
      List<Map<String, Object>> mentions = new ArrayList<>();
      for (Tagger.Signal s : text.text() == null ? List.<Tagger.Signal>of() : t.tag(text.tagged())) {
        if (text.ours() && s.kind() != Tagger.Kind.COMPETITOR) {
          continue;
        }
        Map<String, Object> m = new HashMap<>();
        m.put("start", s.start());
        m.put("end", s.end());
        m.put("snippet", s.snippet());
        m.put("confidence", s.confidence());
        m.put("version", s.version());
        if (s.kind() == Tagger.Kind.COMPETITOR) {
          m.put("competitor", s.detail());
          m.put("competitorId", Ids.of(NodeKind.COMPETITOR, Ids.normalize(s.detail())));
          mentions.add(m);
        } else {
          m.put("name", s.kind().name());
          m.put("tagId", Ids.of(NodeKind.TAG, s.kind().name()));
          m.put("detail", s.detail());
          tags.add(m);
        }
      }
      Map<String, Object> row = new HashMap<>();
      row.put("id", text.id());
      row.put("field", text.field());
      row.put("tags", tags);
      row.put("mentions", mentions);
      out.add(new Tagged(text.label(), row));
    }
    return out;
  }

  /** Stores computed signals, replacing each field's earlier tags (inside the caller's transaction, if any). */
  public void write(List<Tagged> tagged) {
    Map<String, List<Map<String, Object>>> byLabel = new LinkedHashMap<>();
    for (Tagged t : tagged) {
      byLabel.computeIfAbsent(t.label(), x -> new ArrayList<>()).add(t.row());
    }
    // The label is one of LABELS, checked in compute.
    byLabel.forEach((label, rows) ->
        client.query(CypherQueries.named("language/write-tags").formatted(label)).bind(rows).to("rows").run());
  }

  /**
   * Whether the graph was tagged by other rules than these ({@link Tagger#VERSION}): the version that last tagged the
   * whole graph is kept on a {@code TagRules} node; a graph without one is judged by its stored tags' versions.
   */
  public boolean taggedByOtherRules() {
    return client.query("""
            OPTIONAL MATCH (r:TagRules {id: 'current'})
            CALL (r) {
              OPTIONAL MATCH ()-[t:TAGGED|MENTIONS]->() WHERE r IS NULL AND t.version <> $version
              RETURN t LIMIT 1
            }
            RETURN CASE WHEN r IS NULL THEN t IS NOT NULL ELSE r.version <> $version END AS other""")
        .bind(Tagger.VERSION).to("version").fetchAs(Boolean.class).one().orElse(false);
  }

  /** Retags the whole graph when it was tagged by other rules, and records these as the graph's rules. */
  public long retagIfRulesChanged() {
    long n = taggedByOtherRules() ? recomputeAll() : 0;
    client.query("MERGE (r:TagRules {id: 'current'}) SET r.version = $version").bind(Tagger.VERSION).to("version").run();
    return n;
  }

  /** Tags every email, call and ticket of the graph again (after a rule change, a retrain or new competitors). */
  public long recomputeAll() {
    refreshCompetitors();
    long n = 0;
    for (String[] source : List.of(
        new String[] {"Email", "body", "n.body"}, new String[] {"Call", "transcript", "n.transcript"},
        new String[] {"Ticket", "subject", "n.subject"}, new String[] {"Ticket", "description", "n.description"})) {
      String after = "";
      while (true) {
        // Label and property come from the fixed list above.
        List<Map<String, Object>> rows = List.copyOf(client
            .query("MATCH (n:%s) WHERE n.id > $after RETURN n.id AS id, %s AS text, n.direction = 'OUTBOUND' AND n:Email AS ours, n.listMail = true AS listMail ORDER BY n.id LIMIT $page"
                .formatted(source[0], source[2]))
            .bindAll(Map.of("after", after, "page", PAGE)).fetch().all());
        tag(rows.stream().map(r -> new Text(source[0], (String) r.get("id"), source[1], (String) r.get("text"), Boolean.TRUE.equals(r.get("ours")),
            Boolean.TRUE.equals(r.get("listMail")))).toList());
        n += rows.size();
        if (rows.size() < PAGE) {
          break;
        }
        after = (String) rows.get(rows.size() - 1).get("id");
      }
    }
    return n;
  }

  /** One piece of evidence of a signal: where it was found. */
  public record Evidence(String interactionId, String kind, java.time.OffsetDateTime occurredAt, String field, String span, double confidence, @Nullable String detail) {}

  /** A signal over an account's interactions: how often, how recently, and the latest evidence. */
  public record Summary(String name, long count, java.time.OffsetDateTime latestAt, List<Evidence> evidence) {}

  /** Most evidence items returned per signal. */
  public static final int MAX_EVIDENCE = 5;

  /** The signals in an account's emails, calls and tickets (since a time, if given), most frequent first. */
  public List<Summary> forAccount(String accountId, java.time.@Nullable OffsetDateTime since) {
    Map<String, Object> p = new HashMap<>();
    p.put("id", accountId);
    p.put("since", since == null ? null : since.toZonedDateTime());
    p.put("max", MAX_EVIDENCE);
    return client.query("""
        MATCH (a:Account {id: $id})
        CALL (a) {
          MATCH (a)<-[:WORKS_AT]-(:Contact)-[:SENT]->(n:Email) RETURN n
          UNION MATCH (a)<-[:WORKS_AT]-(:Contact)<-[:TO|CC]-(n:Email) RETURN n
          UNION MATCH (a)<-[:WORKS_AT]-(:Contact)-[:JOINED]->(n:Call) RETURN n
          UNION MATCH (a)<-[:FOR]-(n:Ticket) RETURN n
        }
        WITH n WHERE $since IS NULL OR n.occurredAt >= $since
        MATCH (n)-[r:TAGGED|MENTIONS]->(x)
        WITH n, r, x, CASE type(r) WHEN 'MENTIONS' THEN 'COMPETITOR' ELSE x.name END AS name
        ORDER BY n.occurredAt DESC, n.id, r.start
        WITH name, count(*) AS count, max(n.occurredAt) AS latest,
             collect({id: n.id, kind: CASE WHEN n:Email THEN 'EMAIL' WHEN n:Call THEN 'CALL' ELSE 'TICKET' END, at: n.occurredAt,
                      field: r.field, span: r.span, confidence: r.confidence,
                      detail: CASE type(r) WHEN 'MENTIONS' THEN x.name ELSE r.detail END})[..$max] AS evidence
        RETURN name, count, latest, evidence ORDER BY count DESC, name""")
        .bindAll(p)
        .fetchAs(Summary.class)
        .mappedBy((t, r) -> new Summary(
            r.get("name").asString(), r.get("count").asLong(), r.get("latest").asZonedDateTime().toOffsetDateTime(),
            r.get("evidence").asList(v -> new Evidence(
                v.get("id").asString(), v.get("kind").asString(), v.get("at").asZonedDateTime().toOffsetDateTime(),
                v.get("field").asString(), v.get("span").asString(), v.get("confidence").asDouble(),
                v.get("detail").isNull() ? null : v.get("detail").asString()))))
        .all().stream().toList();
  }

  /** Stored tags and competitor mentions of interactions of one label, by interaction id. */
  public Map<String, List<TagMatch>> tagsOf(String label, List<String> ids) {
    if (!LABELS.contains(label)) {
      throw new IllegalArgumentException("Only emails, calls and tickets carry tags");
    }
    Map<String, List<TagMatch>> out = new LinkedHashMap<>();
    ids.forEach(id -> out.put(id, new ArrayList<>()));
    client.query("""
        MATCH (n:%s) WHERE n.id IN $ids
        MATCH (n)-[r:TAGGED|MENTIONS]->(x)
        RETURN n.id AS id, CASE type(r) WHEN 'MENTIONS' THEN 'COMPETITOR' ELSE x.name END AS name, r.field AS field,
               r.start AS start, r.end AS end, r.span AS span, r.confidence AS confidence, r.version AS version,
               CASE type(r) WHEN 'MENTIONS' THEN x.name ELSE r.detail END AS detail
        ORDER BY r.field, r.start, name""".formatted(label))
        .bind(ids).to("ids").fetch().all()
        .forEach(r -> out.computeIfAbsent((String) r.get("id"), x -> new ArrayList<>()).add(new TagMatch(
            (String) r.get("name"), (String) r.get("field"), ((Number) r.get("start")).intValue(), ((Number) r.get("end")).intValue(),
            (String) r.get("span"), ((Number) r.get("confidence")).doubleValue(), (String) r.get("version"), (String) r.get("detail"))));
    return out;
  }
}
