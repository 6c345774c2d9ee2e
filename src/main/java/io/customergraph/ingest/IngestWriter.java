package io.customergraph.ingest;

import io.customergraph.graph.CypherQueries;
import io.customergraph.graph.Ids;
import io.customergraph.graph.NodeKind;
import io.customergraph.ingest.Facts.Fact;
import io.customergraph.ingest.ParseResult.Failed;
import io.customergraph.ingest.ParseResult.Parsed;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a batch of raw records in one transaction: parses them, skips those already stored with the same content,
 * matches the people and companies they name, writes their facts, and records a {@code SourceRecord} for each (with
 * the reason, position and payload when it could not be parsed). A crash leaves whole batches or nothing; running
 * the same input again completes the work without duplicates, because everything is MERGEd on stable keys.
 */
@Service
public class IngestWriter {

  /** Quarantined payloads larger than this are kept as their first bytes plus the source position to re-read. */
  static final int MAX_PAYLOAD = 4 << 20;

  private final Neo4jClient client;
  private final TransactionTemplate transactions;
  private final Parsers parsers;
  private final EntityMatcher matcher;
  private final FactRows rows;
  private final Clock clock;
  private final io.customergraph.language.Signals signals;
  private final io.customergraph.resolve.Resolver resolver;
  private final org.springframework.context.ApplicationEventPublisher events;
  private final io.micrometer.core.instrument.MeterRegistry meters;

  IngestWriter(Neo4jClient client, TransactionTemplate transactions, Parsers parsers, EntityMatcher matcher, IngestProperties properties, Clock clock,
      io.customergraph.language.Signals signals, io.customergraph.resolve.Resolver resolver,
      org.springframework.context.ApplicationEventPublisher events, io.micrometer.core.instrument.MeterRegistry meters) {
    this.meters = meters;
    this.events = events;
    // Every kind and outcome from the start, at zero, so dashboards show a line before the first import.
    for (IngestKind kind : IngestKind.values()) {
      for (String outcome : List.of("ingested", "updated", "unchanged", "quarantined")) {
        meters.counter(io.customergraph.observe.Metrics.INGEST_RECORDS, "kind", kind.id(), "outcome", outcome);
      }
    }
    this.signals = signals;
    this.resolver = resolver;
    this.client = client;
    this.transactions = transactions;
    this.parsers = parsers;
    this.matcher = matcher;
    this.rows = new FactRows(properties);
    this.clock = clock;
  }

  /** Parses and writes one batch; returns what happened to its records. */
  public IngestOutcome write(List<RawRecord> batch) {
    return write(prepare(batch));
  }

  /** A parsed batch, ready to write. Parsing needs no database, so it can run ahead on another thread. */
  public static final class Prepared {
    private final List<Item> items;

    private Prepared(List<Item> items) {
      this.items = items;
    }

    /** Where the batch's last record came from. */
    public String lastPosition() {
      return items.isEmpty() ? "" : items.get(items.size() - 1).raw().position();
    }

    /** Why the first record could not be parsed, if it could not (single-record retries). */
    Optional<String> failure() {
      return items.isEmpty() || !(items.get(0).result() instanceof Failed f) ? Optional.empty() : Optional.of(f.reason());
    }

    /** The SourceRecord key of the first record. */
    String firstKey() {
      return items.get(0).key();
    }
  }

  /** Parses a batch without touching the database. */
  public Prepared prepare(List<RawRecord> batch) {
    List<Item> items = batch.stream().map(this::item).toList();
    // Language signals only for records that will be written: a read (no transaction) of the stored content hashes
    // spares re-imports the tagging. The writing transaction checks again; whatever it finds untagged it tags itself.
    Map<String, String[]> stored = storedSources(items.stream().map(Item::key).distinct().toList());
    return new Prepared(items.stream()
        .map(item -> stored.containsKey(item.key()) && item.hash().equals(stored.get(item.key())[0]) ? item : item.tagged(tags(item)))
        .toList());
  }

  /**
   * Writes a parsed batch in one transaction, then resolves the contacts and accounts it created (streaming entity
   * resolution: each new entity is merged, sent to review or left new, each decision in its own transaction).
   */
  public IngestOutcome write(Prepared batch) {
    Created created = new Created();
    long started = System.nanoTime();
    long[] committing = {started}; // when the transaction's work ended and its commit began
    IngestOutcome outcome = transactions.execute(status -> {
      IngestOutcome o = writeInTransaction(batch.items, created);
      committing[0] = System.nanoTime();
      return o;
    });
    step("commit", System.nanoTime() - committing[0]);
    step("batch", System.nanoTime() - started);
    timed("resolve", () -> resolveCreated(created));
    changed(created);
    count(batch.items, outcome);
    return outcome == null ? IngestOutcome.NONE : outcome;
  }

  /** Contacts and accounts a batch created (not those it only mentioned). */
  private record Created(Set<String> contacts, Set<String> accounts, Set<String> touched) {
    Created() {
      this(new java.util.LinkedHashSet<>(), new java.util.LinkedHashSet<>(), new java.util.LinkedHashSet<>());
    }
  }

  /** Resolves entities an interrupted run created but never resolved. */
  public void resolvePending() {
    resolver.resolvePending();
  }

  private void resolveCreated(Created created) {
    // Accounts first: a contact's company is one of the fields it is compared on. Each kind in id order, the order in
    // which Resolver.resolvePending takes up a batch whose resolution a crash cut short (its entities share one
    // createdAt): in the order they were written, a crash mid-resolution and a run again decided the rest in another
    // order, against other term counts (CrashRecoveryTest).
    resolver.resolve(io.customergraph.resolve.EntityKind.ACCOUNT, new java.util.TreeSet<>(created.accounts()));
    resolver.resolve(io.customergraph.resolve.EntityKind.CONTACT, new java.util.TreeSet<>(created.contacts()));
  }

  /** Counts what a committed batch did (a batch holds one kind of record). */
  private void count(List<Item> items, @org.jspecify.annotations.Nullable IngestOutcome outcome) {
    if (outcome == null || items.isEmpty()) {
      return;
    }
    String kind = items.get(0).raw().kind().id();
    long[] n = {outcome.ingested(), outcome.updated(), outcome.unchanged(), outcome.quarantined()};
    String[] names = {"ingested", "updated", "unchanged", "quarantined"};
    for (int i = 0; i < n.length; i++) {
      if (n[i] > 0) {
        meters.counter(io.customergraph.observe.Metrics.INGEST_RECORDS, "kind", kind, "outcome", names[i]).increment(n[i]);
      }
    }
  }

  /** Tells listeners (scoring) which nodes the committed batch wrote; merges may have moved some, which they follow. */
  private void changed(Created created) {
    if (!created.touched().isEmpty()) {
      events.publishEvent(new io.customergraph.graph.GraphChanged(List.copyOf(created.touched()), io.customergraph.graph.GraphChanged.Origin.INGEST));
    }
  }

  /** What ingesting one record did, with the reason when it was quarantined. */
  public record Single(IngestOutcome outcome, @org.jspecify.annotations.Nullable String reason) {}

  /** Parses and writes a single record (GraphQL, retries). */
  public Single writeOne(RawRecord raw) {
    Item item = item(raw);
    Created created = new Created();
    IngestOutcome outcome = transactions.execute(status -> writeInTransaction(List.of(item), created));
    resolveCreated(created);
    changed(created);
    count(List.of(item), outcome);
    return new Single(outcome == null ? IngestOutcome.NONE : outcome, item.result() instanceof Failed f ? f.reason() : null);
  }

  /** Parses a record and finds the language signals of its text: all work that needs no database. */
  /** Parses a record (its language signals are found later, and only if it is to be written). */
  private Item item(RawRecord raw) {
    ParseResult result = parsers.parse(raw);
    String key = raw.kind().id() + ":" + (result instanceof Parsed p ? p.key() : "sha:" + raw.contentHash());
    return new Item(raw, result, key, raw.contentHash(), null);
  }

  /** The language signals of a record's text: no database needed, so this runs ahead of the writing transaction. */
  private List<io.customergraph.language.Signals.Tagged> tags(Item item) {
    return item.result() instanceof Parsed p ? signals.compute(texts(p.facts())) : List.of();
  }

  /** A parsed record; {@code tags} is null until its signals are found. */
  private record Item(RawRecord raw, ParseResult result, String key, String hash, @org.jspecify.annotations.Nullable List<io.customergraph.language.Signals.Tagged> tags) {
    Item tagged(List<io.customergraph.language.Signals.Tagged> found) {
      return new Item(raw, result, key, hash, found);
    }
  }

  private IngestOutcome writeInTransaction(List<Item> batchItems, Created created) {
    ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC);
    Map<String, String[]> stored = timed("stored-sources", () -> storedSources(batchItems.stream().map(Item::key).distinct().toList()));
    List<Item> items = withKnownEntities(withoutPartialCopies(batchItems, stored));
    long ingested = 0, updated = 0, unchanged = 0, quarantined = 0;
    List<Item> toWrite = new ArrayList<>();
    Set<String> replacing = new java.util.HashSet<>(); // keys of records stored before, with other content
    Map<String, String> seenInBatch = new HashMap<>();
    for (Item item : items) {
      String[] before = stored.get(item.key());
      String previousHash = seenInBatch.containsKey(item.key()) ? seenInBatch.get(item.key()) : before == null ? null : before[0];
      boolean failed = item.result() instanceof Failed;
      if (item.hash().equals(previousHash)) {
        if (failed) {
          quarantined++;
        } else {
          unchanged++;
        }
        continue;
      }
      seenInBatch.put(item.key(), item.hash());
      toWrite.add(item);
      if (previousHash != null) {
        replacing.add(item.key());
      }
      if (failed) {
        quarantined++;
      } else if (previousHash == null) {
        ingested++;
      } else {
        updated++;
      }
    }
    if (toWrite.isEmpty()) {
      return new IngestOutcome(ingested, updated, unchanged, quarantined);
    }
    if (!replacing.isEmpty()) {
      timed("versions", () -> keepPreviousVersions(replacing, stored, now));
    }

    // Who and which companies the facts name, matched in one go for the whole batch.
    List<Fact> facts = new ArrayList<>();
    Map<Fact, Item> origin = new LinkedHashMap<>();
    for (Item item : toWrite) {
      if (item.result() instanceof Parsed p) {
        for (Fact f : p.facts()) {
          facts.add(f);
          origin.put(f, item);
        }
      }
    }
    FactRows.Named named = rows.named(facts);
    EntityMatcher.Matches matches = timed("match", () -> matcher.match(List.copyOf(named.people()), List.copyOf(named.companies())));
    matches.contacts().values().stream().filter(id -> !matches.existing().contains(id)).forEach(created.contacts()::add);
    matches.accounts().values().stream().filter(id -> !matches.existing().contains(id)).forEach(created.accounts()::add);
    FactRows.Batch batch = rows.batch(facts, matches, origin.keySet().stream().toList(), f -> origin.get(f).key());

    run("ingest/accounts", Map.of("rows", batch.accounts(), "now", now));
    run("ingest/contacts", Map.of("rows", batch.contacts(), "now", now));
    timed("aliases", () -> aliases(matches, now));
    batch.statements().forEach((name, rowList) -> {
      if (rowList.isEmpty()) {
        return;
      }
      if (name.equals("fields")) {
        timed("fields", () -> ownFields(rowList, now.toInstant()));
      } else {
        run("ingest/" + name, Map.of("rows", rowList, "now", now));
      }
    });
    // Language signals of what was just written (found while parsing), in the same transaction.
    // A record new to the graph has no tags from an earlier version: its fields without signals need no writing.
    timed("tags", () -> signals.write(toWrite.stream()
        .flatMap(item -> (item.tags() != null ? item.tags() : tags(item)).stream().filter(t -> t.hasSignals() || replacing.contains(item.key())))
        .toList()));
    if (!batch.subjectThreads().isEmpty()) {
      run("ingest/email-threads", Map.of("keys", List.copyOf(batch.subjectThreads())));
    }
    sources(toWrite, batch.produced(), batch.resolved(), now);
    batch.produced().values().forEach(links -> links.forEach(l -> created.touched().add(l.id())));
    return new IngestOutcome(ingested, updated, unchanged, quarantined);
  }

  /**
   * The batch with every parsed email or call that would replace a stored one with less (see {@link PartialRecords})
   * turned into a quarantined record of its own (keyed by its content hash, like any record that cannot be parsed),
   * so the stored record and its provenance stay as they are.
   */
  private List<Item> withoutPartialCopies(List<Item> items, Map<String, String[]> stored) {
    List<Fact> replacing = new ArrayList<>();
    for (Item item : items) {
      String[] before = stored.get(item.key());
      if (item.result() instanceof Parsed p && before != null && !item.hash().equals(before[0])) {
        replacing.addAll(p.facts());
      }
    }
    if (replacing.isEmpty()) {
      return items;
    }
    Map<String, String> partial = PartialRecords.lessThanStored(client, replacing);
    if (partial.isEmpty()) {
      return items;
    }
    List<Item> out = new ArrayList<>(items.size());
    for (Item item : items) {
      String reason = item.result() instanceof Parsed p ? p.facts().stream().map(PartialRecords::documentId).filter(partial::containsKey)
          .map(partial::get).findFirst().orElse(null) : null;
      out.add(reason == null ? item
          : new Item(item.raw(), new Failed(reason), item.raw().kind().id() + ":sha:" + item.hash(), item.hash(), List.of()));
    }
    return out;
  }

  /**
   * An outcome naming no entity the graph holds (by our id, an external id or a contact's address) is quarantined
   * with the reason, so a file imported before its accounts says so row by row instead of teaching nothing.
   */
  private List<Item> withKnownEntities(List<Item> items) {
    List<Map<String, Object>> refs = new ArrayList<>();
    for (Item item : items) {
      if (item.result() instanceof Parsed p) {
        for (Fact f : p.facts()) {
          if (f instanceof Facts.Outcome o) {
            refs.add(Map.of("kind", o.scoreKind(), "ref", o.ref()));
          }
        }
      }
    }
    if (refs.isEmpty()) {
      return items;
    }
    Set<String> known = new java.util.HashSet<>(client.query(CypherQueries.named("ingest/outcome-entities"))
        .bind(refs).to("refs").fetchAs(String.class).all());
    List<Item> out = new ArrayList<>(items.size());
    for (Item item : items) {
      String reason = null;
      if (item.result() instanceof Parsed p) {
        for (Fact f : p.facts()) {
          if (f instanceof Facts.Outcome o && !known.contains(o.scoreKind() + "|" + o.ref())) {
            String label = switch (o.scoreKind()) {
              case "CHURN_RISK" -> "account";
              case "DEAL_WIN" -> "deal";
              default -> "contact";
            };
            reason = "no %s has the id, external id%s '%s': import the %ss first (the same file with --map id=@row if it has no id column)"
                .formatted(label, label.equals("contact") ? " or address" : "", o.ref(), label);
          }
        }
      }
      out.add(reason == null ? item
          : new Item(item.raw(), new Failed(reason), item.raw().kind().id() + ":sha:" + item.hash(), item.hash(), List.of()));
    }
    return out;
  }

  /**
   * Before a record is updated in place, what it produced (its email, call, ticket, invoice, deal… — not the people
   * and companies many records share) is kept as a {@code SourceVersion} of its source record: the content hash it
   * had, when and by which content it was replaced, and every property as it was (JSON). Damage done by a bad
   * re-import can be seen, and undone by hand, from there.
   */
  private void keepPreviousVersions(Set<String> keys, Map<String, String[]> stored, ZonedDateTime now) {
    List<Map<String, Object>> before = client.query("""
            MATCH (s:SourceRecord)-[:PRODUCED]->(n) WHERE s.key IN $keys AND NOT n:Contact AND NOT n:Account
            RETURN s.key AS key, n.id AS node, labels(n) AS labels, properties(n) AS properties""")
        .bind(List.copyOf(keys)).to("keys").fetch().all().stream().map(java.util.HashMap::new).collect(java.util.stream.Collectors.toList());
    if (before.isEmpty()) {
      return;
    }
    List<Map<String, Object>> rowList = new ArrayList<>();
    for (Map<String, Object> b : before) {
      String key = (String) b.get("key");
      Map<String, Object> row = new HashMap<>();
      row.put("key", key);
      row.put("id", "ver_" + Ids.sha256(key + "@" + stored.get(key)[0] + "@" + b.get("node")).substring(0, 24));
      row.put("hash", stored.get(key)[0]);
      row.put("node", b.get("node"));
      row.put("label", ((List<?>) b.get("labels")).isEmpty() ? null : ((List<?>) b.get("labels")).getFirst());
      row.put("properties", VERSION_JSON.writeValueAsString(jsonSafe((Map<?, ?>) b.get("properties"))));
      rowList.add(row);
    }
    client.query("""
            UNWIND $rows AS row
            MATCH (s:SourceRecord {key: row.key})
            MERGE (v:SourceVersion {id: row.id})
              ON CREATE SET v.contentHash = row.hash, v.node = row.node, v.label = row.label, v.properties = row.properties, v.replacedAt = $now
            MERGE (s)-[:HAD_VERSION]->(v)""")
        .bindAll(Map.of("rows", rowList, "now", now)).run();
  }

  private static final tools.jackson.databind.json.JsonMapper VERSION_JSON = tools.jackson.databind.json.JsonMapper.builder().build();

  /** Property values as JSON can hold them: times as ISO text, lists element by element. */
  private static Map<String, Object> jsonSafe(Map<?, ?> properties) {
    Map<String, Object> out = new java.util.TreeMap<>();
    properties.forEach((k, v) -> out.put(String.valueOf(k), jsonValue(v)));
    return out;
  }

  private static Object jsonValue(Object v) {
    if (v instanceof List<?> l) {
      return l.stream().map(IngestWriter::jsonValue).toList();
    }
    return v instanceof java.time.temporal.TemporalAccessor ? v.toString() : v;
  }

  /** The texts of the batch's emails, calls and tickets that carry language. */
  private List<io.customergraph.language.Signals.Text> texts(List<Fact> facts) {
    List<io.customergraph.language.Signals.Text> out = new ArrayList<>();
    for (Fact f : facts) {
      switch (f) {
        case io.customergraph.ingest.Facts.Email e -> out.add(new io.customergraph.language.Signals.Text("Email", FactRows.emailId(e.messageId()), "body", e.body(), rows.outbound(e), e.listMail()));
        case io.customergraph.ingest.Facts.Call c -> out.add(new io.customergraph.language.Signals.Text("Call", Ids.of(NodeKind.CALL, c.key()), "transcript", FactRows.transcript(c)));
        case io.customergraph.ingest.Facts.Ticket t -> {
          out.add(new io.customergraph.language.Signals.Text("Ticket", Ids.of(NodeKind.TICKET, t.key()), "subject", t.subject()));
          out.add(new io.customergraph.language.Signals.Text("Ticket", Ids.of(NodeKind.TICKET, t.key()), "description", t.description()));
        }
        default -> { }
      }
    }
    return out;
  }

  /**
   * Own fields with their history ({@link io.customergraph.graph.FieldHistory}): what each node holds is read, every
   * row of the batch merged into it in order, and the value now and the history written — in the import's transaction.
   */
  @SuppressWarnings("unchecked")
  private void ownFields(List<Map<String, Object>> rows, java.time.Instant now) {
    Map<String, List<String>> idsByLabel = new java.util.TreeMap<>();
    rows.forEach(r -> idsByLabel.computeIfAbsent((String) r.get("label"), l -> new ArrayList<>()).add((String) r.get("id")));
    Map<String, Map<String, Object>> stored = new HashMap<>();
    // Labels come from the parsers (Account, Contact, Deal), never from a file.
    idsByLabel.forEach((label, ids) -> client.query("""
            UNWIND $ids AS id MATCH (n:%s {id: id})
            RETURN n.id AS id, [k IN keys(n) WHERE k STARTS WITH 'field_' OR k STARTS WITH 'fieldHistory_' | [k, n[k]]] AS props""".formatted(label))
        .bind(ids.stream().distinct().toList()).to("ids").fetch().all()
        .forEach(r -> {
          Map<String, Object> props = new HashMap<>();
          for (Object pair : (List<?>) r.get("props")) {
            props.put((String) ((List<?>) pair).get(0), ((List<?>) pair).get(1));
          }
          stored.put((String) r.get("id"), props);
        }));
    Map<String, Map<String, Object>> writes = new LinkedHashMap<>();
    Map<String, String> labelOf = new HashMap<>();
    for (Map<String, Object> row : rows) {
      String id = (String) row.get("id");
      Map<String, Object> props = stored.computeIfAbsent(id, k -> new HashMap<>());
      Map<String, Object> set = writes.computeIfAbsent(id, k -> new HashMap<>());
      labelOf.put(id, (String) row.get("label"));
      java.time.Instant asOf = (java.time.Instant) row.get("asOf");
      ((Map<String, String>) row.get("fields")).forEach((field, value) -> {
        String historyKey = io.customergraph.graph.FieldHistory.property(field);
        Object history = props.get(historyKey);
        // A value written before histories were kept (no history beside it) is the baseline.
        String legacy = history == null && props.get(field) != null ? String.valueOf(props.get(field)) : null;
        var merged = io.customergraph.graph.FieldHistory.merge(
            io.customergraph.graph.FieldHistory.decode((List<?>) history), legacy, value, asOf, now);
        List<String> encoded = io.customergraph.graph.FieldHistory.encode(merged);
        String current = io.customergraph.graph.FieldHistory.current(merged);
        props.put(historyKey, encoded);
        props.put(field, current);
        set.put(historyKey, encoded);
        // null removes the property: a column blank now holds no value.
        set.put(field, current);
      });
    }
    List<Map<String, Object>> out = new ArrayList<>();
    writes.forEach((id, set) -> {
      Map<String, Object> r = new HashMap<>();
      r.put("label", labelOf.get(id));
      r.put("id", id);
      r.put("set", set);
      out.add(r);
    });
    client.query(CypherQueries.named("ingest/fields")).bindAll(Map.of("rows", out)).run();
  }

  private void run(String query, Map<String, Object> params) {
    timed(query.substring(query.indexOf('/') + 1), () -> client.query(CypherQueries.named(query)).bindAll(params).run());
  }

  private void timed(String step, Runnable work) {
    timed(step, () -> {
      work.run();
      return null;
    });
  }

  private <T> T timed(String step, java.util.function.Supplier<T> work) {
    long t = System.nanoTime();
    try {
      return work.get();
    } finally {
      step(step, System.nanoTime() - t);
    }
  }

  private void step(String step, long nanos) {
    meters.timer(io.customergraph.observe.Metrics.INGEST_STEP, "step", step).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** key → [contentHash, status] of SourceRecords already stored. */
  private Map<String, String[]> storedSources(List<String> keys) {
    Map<String, String[]> out = new HashMap<>();
    client
        .query("MATCH (s:SourceRecord) WHERE s.key IN $keys RETURN s.key AS key, s.contentHash AS hash, s.status AS status")
        .bind(keys).to("keys")
        .fetchAs(Object.class)
        .mappedBy((t, r) -> {
          out.put(r.get("key").asString(), new String[] {r.get("hash").asString(null), r.get("status").asString(null)});
          return Boolean.TRUE;
        })
        .all();
    return out;
  }

  private void aliases(EntityMatcher.Matches matches, ZonedDateTime now) {
    for (var entry : List.of(Map.entry("Contact", matches.newContactKeys()), Map.entry("Account", matches.newAccountKeys()))) {
      if (entry.getValue().isEmpty()) {
        continue;
      }
      List<Map<String, Object>> rowList = new ArrayList<>();
      entry.getValue().forEach((key, id) -> rowList.add(Map.of("key", key, "id", id)));
      // The label is one of the two constants above.
      client
          .query(
              """
              UNWIND $rows AS row
              MATCH (n:%s {id: row.id})
              MERGE (a:Alias {key: row.key}) ON CREATE SET a.createdAt = $now, a.decision = 'exact-key'
              MERGE (a)-[:ALIAS_OF]->(n)"""
                  .formatted(entry.getKey()))
          .bindAll(Map.of("rows", rowList, "now", now))
          .run();
    }
  }

  private void sources(
      List<Item> items, Map<String, List<FactRows.Link>> produced, Map<String, Set<String>> resolved, ZonedDateTime now) {
    String contactPrefix = NodeKind.CONTACT.prefix() + "_";
    String accountPrefix = NodeKind.ACCOUNT.prefix() + "_";
    List<Map<String, Object>> rowList = new ArrayList<>();
    Set<String> labels = new java.util.HashSet<>();
    boolean anyContacts = false;
    boolean anyAccounts = false;
    for (Item item : items) {
      Map<String, Object> row = new HashMap<>();
      row.put("key", item.key());
      row.put("id", Ids.of(NodeKind.SOURCE_RECORD, item.key()));
      row.put("kind", item.raw().kind().id());
      row.put("source", item.raw().source());
      row.put("sourceId", item.key().substring(item.key().indexOf(':') + 1));
      row.put("position", item.raw().position());
      row.put("hash", item.hash());
      if (item.result() instanceof Failed f) {
        row.put("status", "QUARANTINED");
        row.put("reason", f.reason());
        Payload p = payload(item.raw().payload());
        row.put("payload", p.text());
        row.put("payloadEncoding", p.encoding());
        row.put("metadata", item.raw().metadata());
      } else {
        row.put("status", "INGESTED");
        row.put("reason", null);
        row.put("payload", null);
        row.put("payloadEncoding", null);
        row.put("metadata", null);
      }
      // What the record produced, by label (labels come from NodeKind via FactRows), and whom it was matched to.
      Map<String, List<String>> byLabel = new HashMap<>();
      for (FactRows.Link l : produced.getOrDefault(item.key(), List.of())) {
        byLabel.computeIfAbsent(l.label(), x -> new ArrayList<>()).add(l.id());
      }
      row.put("produced", byLabel);
      labels.addAll(byLabel.keySet());
      Set<String> ids = resolved.getOrDefault(item.key(), Set.of());
      List<String> contacts = ids.stream().filter(id -> id.startsWith(contactPrefix)).toList();
      List<String> accounts = ids.stream().filter(id -> id.startsWith(accountPrefix)).toList();
      row.put("contacts", contacts);
      row.put("accounts", accounts);
      anyContacts |= !contacts.isEmpty();
      anyAccounts |= !accounts.isEmpty();
      rowList.add(row);
    }
    // Only the links this batch has: the labels come from FactRows (NodeKind labels), never from input.
    StringBuilder links = new StringBuilder();
    labels.stream().sorted().forEach(label -> links.append(CypherQueries.named("ingest/sources-produced").formatted(label)).append('\n'));
    if (anyContacts) {
      links.append(CypherQueries.named("ingest/sources-resolved").formatted("Contact", "contacts")).append('\n');
    }
    if (anyAccounts) {
      links.append(CypherQueries.named("ingest/sources-resolved").formatted("Account", "accounts")).append('\n');
    }
    if (!links.isEmpty()) {
      links.insert(0, "WITH s, row\n");
    }
    timed("sources", () -> client.query(CypherQueries.named("ingest/sources").formatted(links)).bindAll(Map.of("rows", rowList, "now", now)).run());
  }

  /** A payload fit for a string property: UTF-8 text when it is valid UTF-8, else Base64. */
  record Payload(String text, String encoding) {}

  static Payload payload(byte[] bytes) {
    byte[] kept = bytes.length > MAX_PAYLOAD ? java.util.Arrays.copyOf(bytes, MAX_PAYLOAD) : bytes;
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(kept))
          .toString();
      if (text.chars().noneMatch(c -> c == 0)) {
        return new Payload(text, "utf-8");
      }
    } catch (CharacterCodingException e) {
      // not text: fall through to Base64
    }
    return new Payload(Base64.getEncoder().encodeToString(kept), "base64");
  }
}
