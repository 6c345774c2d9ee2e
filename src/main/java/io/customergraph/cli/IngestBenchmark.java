package io.customergraph.cli;

import io.customergraph.CustomerGraphApplication;
import io.customergraph.ingest.Importer;
import io.customergraph.ingest.IngestKind;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code ingest-benchmark --emails 100000}: generates a corpus, imports it into a fresh embedded Neo4j kind by kind
 * and prints records/s and peak heap per kind; then writes the same email nodes with a plain batched UNWIND, the
 * ceiling for the end-to-end rate. Emails are imported twice, at a fifth and at full size, to show that peak heap
 * does not grow with the input.
 */
final class IngestBenchmark {

  private static final int CEILING_BATCH = 500;

  private IngestBenchmark() {}

  static int run(Map<String, String> options, PrintStream out) throws IOException {
    int emails = Cli.intOption(options, "emails", 100_000);
    int calls = Cli.intOption(options, "calls", emails / 10);
    int tickets = Cli.intOption(options, "tickets", emails / 5);
    int invoices = Cli.intOption(options, "invoices", emails / 5);
    int events = Cli.intOption(options, "events", emails);
    Path dir = Files.createTempDirectory("customer-graph-ingest-bench-");
    try {
      long t0 = System.nanoTime();
      IngestCorpus corpus = new IngestCorpus(42);
      Path small = corpus.mbox(dir, "small.mbox", Math.max(1, emails / 5));
      Path large = corpus.mbox(dir, "large.mbox", emails);
      Path callFile = corpus.calls(dir, calls);
      Path ticketFile = corpus.tickets(dir, tickets);
      Path invoiceFile = corpus.invoices(dir, invoices);
      Path eventFile = corpus.events(dir, events);
      out.printf(Locale.ROOT, "Customer Graph ingest benchmark — %d cores, max heap %d MB, JDK %s%n",
          Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, Runtime.version());
      out.printf(Locale.ROOT, "  corpus generated in %.1f s: mbox %d MB (%,d emails), %,d calls, %,d tickets, %,d invoices, %,d events%n",
          (System.nanoTime() - t0) / 1e9, Files.size(large) >> 20, emails, calls, tickets, invoices, events);
      try (ConfigurableApplicationContext app =
          new SpringApplicationBuilder(CustomerGraphApplication.class)
              .web(WebApplicationType.NONE)
              .logStartupInfo(false)
              .run("--customer-graph.neo4j.data-directory=" + dir.resolve("db"), "--customer-graph.neo4j.bolt-port=" + Benchmark.freePort(),
                  "--customer-graph.neo4j.page-cache=512MB", "--customer-graph.demo.enabled=false", "--logging.level.root=warn",
                  // Rescoring after writes is deferred work: measured on its own below, not mixed into the rates.
                  "--customer-graph.score.refresh-delay=PT24H",
                  "--customer-graph.ingest.batch-size=" + Cli.intOption(options, "batch-size", 500))) {
        Importer importer = app.getBean(Importer.class);
        io.micrometer.core.instrument.MeterRegistry meters = app.getBean(io.micrometer.core.instrument.MeterRegistry.class);
        out.println("  kind        records    seconds   records/s   peak heap MB");
        phase(out, importer, IngestKind.EMAIL, small, "email (1/5)");
        Map<String, Double> before = steps(meters);
        phase(out, importer, IngestKind.EMAIL, large, "email");
        Map<String, Double> after = steps(meters);
        phase(out, importer, IngestKind.CALL, callFile, "call");
        phase(out, importer, IngestKind.TICKET, ticketFile, "ticket");
        phase(out, importer, IngestKind.INVOICE, invoiceFile, "invoice");
        phase(out, importer, IngestKind.ACTIVITY, eventFile, "activity");
        phase(out, importer, IngestKind.EMAIL, large, "email again");
        out.print("  where the email import's writing time went (s):");
        after.forEach((step, seconds) -> out.printf(Locale.ROOT, " %s %.1f", step, seconds - before.getOrDefault(step, 0.0)));
        out.println();
        // What streaming resolution decided along the way: its merges and reviews are part of the rates above.
        Neo4jClient client = app.getBean(Neo4jClient.class);
        out.printf(Locale.ROOT, "  resolution during the imports: %,d contacts, %,d merged into another, %,d open reviews%n",
            client.query("MATCH (c:Contact) RETURN count(c)").fetchAs(Long.class).one().orElse(0L),
            client.query("MATCH (c:MergedContact) RETURN count(c)").fetchAs(Long.class).one().orElse(0L),
            client.query("MATCH (r:Review {status: 'OPEN'}) RETURN count(r)").fetchAs(Long.class).one().orElse(0L));
        io.customergraph.score.Scorer scorer = app.getBean(io.customergraph.score.Scorer.class);
        long scored = 0;
        long scoringStarted = System.nanoTime();
        for (io.customergraph.score.ScoreKind kind : io.customergraph.score.ScoreKind.values()) {
          scored += scorer.rescoreAll(kind);
        }
        double scoring = (System.nanoTime() - scoringStarted) / 1e9;
        out.printf(Locale.ROOT, "  scoring after the imports: %,d contacts, deals and accounts in %.1f s (%,.0f/s)%n", scored, scoring, scored / scoring);
        ceiling(out, app.getBean(Neo4jClient.class), app.getBean(TransactionTemplate.class), corpus.emailBatches("large.mbox", emails, CEILING_BATCH), emails);
        replayCeiling(out, app.getBean(Neo4jClient.class), app.getBean(TransactionTemplate.class), Cli.intOption(options, "batch-size", 500), true);
        replayCeiling(out, app.getBean(Neo4jClient.class), app.getBean(TransactionTemplate.class), Cli.intOption(options, "batch-size", 500), false);
      }
      return 0;
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Seconds spent so far in each step of writing batches (the ingest step timer). */
  private static Map<String, Double> steps(io.micrometer.core.instrument.MeterRegistry meters) {
    Map<String, Double> out = new java.util.TreeMap<>();
    meters.find(io.customergraph.observe.Metrics.INGEST_STEP).timers()
        .forEach(t -> out.put(t.getId().getTag("step"), t.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) / 1e9));
    return out;
  }

  private static void phase(PrintStream out, Importer importer, IngestKind kind, Path file, String label) {
    System.gc();
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    Importer.Summary s = importer.importFiles(kind, List.of(file), Map.of(), p -> {});
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    out.printf(Locale.ROOT, "  %-11s %8d %10.1f %11.0f %14d%n", label, s.outcome().total(), s.millis() / 1000.0, s.rate(), peak >> 20);
  }

  /** The same email nodes written with nothing but batched UNWIND/CREATE: what the database alone can do. */
  private static void ceiling(PrintStream out, Neo4jClient client, TransactionTemplate tx, java.util.Iterator<List<Map<String, Object>>> batches, int n) {
    long t = System.nanoTime();
    while (batches.hasNext()) {
      List<Map<String, Object>> batch = batches.next();
      // Real Email nodes (same label, so the same range and full-text indexes are maintained), fresh ids.
      tx.executeWithoutResult(s -> client.query("UNWIND $rows AS r CREATE (n:Email) SET n = r, n.id = 'eml_ceiling_' + r.messageId").bind(batch).to("rows").run());
    }
    double seconds = (System.nanoTime() - t) / 1e9;
    out.printf(Locale.ROOT, "  ceiling: plain batched CREATE of the same %,d email nodes: %.1f s, %,.0f nodes/s%n", n, seconds, n / seconds);
  }


  /**
   * The ceiling for the email import: the very nodes and relationships it wrote for the large mbox — each Email with
   * its properties, its SourceRecord, PRODUCED, SENT, TO, CC, REPLY_TO, RESOLVED_TO and the TAGGED / MENTIONS
   * relationships of its language signals — read back from the graph and written again as copies (fresh ids; same
   * labels, so the same indexes and constraints; links to the same contacts, tags and parent emails) with nothing
   * but batched UNWIND/CREATE, in batches of the import's size. Only the writing transactions are timed: reading the
   * graph back is not part of what the database must do. The people already exist, as they did for the import.
   */
  @SuppressWarnings("unchecked")
  private static void replayCeiling(PrintStream out, Neo4jClient client, TransactionTemplate tx, int batchSize, boolean signals) {
    String copy = signals ? "copy" : "copy-untagged";
    String read = """
        MATCH (e:Email) USING INDEX e:Email(id)
        WHERE e.id > $after AND e.messageId STARTS WITH '<large.mbox-' AND NOT e.id STARTS WITH 'copy'
          AND EXISTS { (:SourceRecord)-[:PRODUCED]->(e) }
        WITH e ORDER BY e.id LIMIT $batch
        MATCH (s:SourceRecord)-[:PRODUCED]->(e)
        RETURN e.id AS id, properties(e) AS props, properties(s) AS source,
               [(c:Contact)-[:SENT]->(e) | c.id] AS senders, [(e)-[:TO]->(c:Contact) | c.id] AS recipients,
               [(e)-[:CC]->(c:Contact) | c.id] AS copied,
               [(e)-[r:REPLY_TO]->(p:Email) | {id: p.id, props: properties(r)}] AS parents,
               [(s)-[r:RESOLVED_TO]->(c:Contact) | {id: c.id, props: properties(r)}] AS resolved,
               [(e)-[r:TAGGED]->(t:Tag) | {id: t.id, props: properties(r)}] AS tags,
               [(e)-[r:MENTIONS]->(c:Competitor) | {id: c.id, props: properties(r)}] AS mentions
        ORDER BY id""";
    String write = """
        UNWIND $rows AS r
        CREATE (e:Email) SET e = r.props
        CREATE (s:SourceRecord) SET s = r.source
        CREATE (s)-[:PRODUCED]->(e)
        WITH e, s, r
        CALL (e, r) { UNWIND r.senders AS id MATCH (c:Contact {id: id}) CREATE (c)-[:SENT]->(e) }
        CALL (e, r) { UNWIND r.recipients AS id MATCH (c:Contact {id: id}) CREATE (e)-[:TO]->(c) }
        CALL (e, r) { UNWIND r.copied AS id MATCH (c:Contact {id: id}) CREATE (e)-[:CC]->(c) }
        CALL (e, r) { UNWIND r.parents AS x MATCH (p:Email {id: x.id}) CREATE (e)-[l:REPLY_TO]->(p) SET l = x.props }
        CALL (s, r) { UNWIND r.resolved AS x MATCH (c:Contact {id: x.id}) CREATE (s)-[l:RESOLVED_TO]->(c) SET l = x.props }
        CALL (e, r) { UNWIND r.tags AS x MATCH (t:Tag {id: x.id}) CREATE (e)-[l:TAGGED]->(t) SET l = x.props }
        CALL (e, r) { UNWIND r.mentions AS x MATCH (c:Competitor {id: x.id}) CREATE (e)-[l:MENTIONS]->(c) SET l = x.props }""";
    long nanos = 0;
    long emails = 0;
    long relationships = 0;
    String after = "";
    while (true) {
      List<Map<String, Object>> rows = new java.util.ArrayList<>();
      for (Map<String, Object> found : client.query(read).bindAll(Map.of("after", after, "batch", batchSize)).fetch().all()) {
        // Copies get fresh ids and keys (unique constraints); everything else as the import wrote it.
        Map<String, Object> r = new java.util.HashMap<>(found);
        Map<String, Object> props = new java.util.HashMap<>((Map<String, Object>) found.get("props"));
        props.put("id", copy + "_" + found.get("id"));
        Map<String, Object> source = new java.util.HashMap<>((Map<String, Object>) found.get("source"));
        source.put("id", copy + "_" + source.get("id"));
        source.put("key", copy + ":" + source.get("key"));
        r.put("props", props);
        r.put("source", source);
        if (!signals) {
          r.put("tags", List.of());
          r.put("mentions", List.of());
        }
        rows.add(r);
      }
      if (rows.isEmpty()) {
        break;
      }
      for (Map<String, Object> r : rows) {
        relationships++; // PRODUCED
        for (String list : List.of("senders", "recipients", "copied", "parents", "resolved", "tags", "mentions")) {
          relationships += ((List<?>) r.get(list)).size();
        }
      }
      long t = System.nanoTime();
      tx.executeWithoutResult(s -> client.query(write).bind(rows).to("rows").run());
      nanos += System.nanoTime() - t;
      emails += rows.size();
      after = (String) rows.get(rows.size() - 1).get("id");
    }
    double seconds = nanos / 1e9;
    out.printf(Locale.ROOT, "  ceiling: the same %,d emails, source records and %,d relationships the email import wrote (%s), copied with batched UNWIND/CREATE: %.1f s, %,.0f emails/s%n",
        emails, relationships, signals ? "tags included" : "without the TAGGED and MENTIONS of language signals", seconds, emails / seconds);
  }
}
