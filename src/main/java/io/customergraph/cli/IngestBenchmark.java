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
        out.println("  kind        records    seconds   records/s   peak heap MB");
        phase(out, importer, IngestKind.EMAIL, small, "email (1/5)");
        phase(out, importer, IngestKind.EMAIL, large, "email");
        phase(out, importer, IngestKind.CALL, callFile, "call");
        phase(out, importer, IngestKind.TICKET, ticketFile, "ticket");
        phase(out, importer, IngestKind.INVOICE, invoiceFile, "invoice");
        phase(out, importer, IngestKind.ACTIVITY, eventFile, "activity");
        phase(out, importer, IngestKind.EMAIL, large, "email again");
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
        fullCeiling(out, app.getBean(Neo4jClient.class), app.getBean(TransactionTemplate.class), corpus, emails);
      }
      return 0;
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
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
   * The same nodes and relationships the email import writes — accounts, contacts, their alias keys and WORKS_AT,
   * then per email the Email, its SourceRecord, PRODUCED, SENT, TO, RESOLVED_TO to both people and REPLY_TO — with
   * nothing but batched UNWIND/CREATE (relationships found by unique id). Same labels, so the same indexes; fresh ids.
   */
  private static void fullCeiling(PrintStream out, Neo4jClient client, TransactionTemplate tx, IngestCorpus corpus, int n) {
    long t = System.nanoTime();
    int people = IngestCorpus.COMPANIES * IngestCorpus.PEOPLE_PER_COMPANY;
    List<Map<String, Object>> accounts = new java.util.ArrayList<>();
    for (int c = 0; c < IngestCorpus.COMPANIES; c++) {
      accounts.add(Map.of("id", "acc_ceil_" + c, "name", "Company" + c, "nameSort", "company" + c, "domain", "ceil-company" + c + ".example", "status", "PROSPECT"));
    }
    tx.executeWithoutResult(s -> client.query("""
        UNWIND $rows AS r CREATE (a:Account) SET a = r
        CREATE (:Alias {key: 'domain:' + r.domain})-[:ALIAS_OF]->(a)""").bind(accounts).to("rows").run());
    for (int from = 0; from < people; from += CEILING_BATCH) {
      List<Map<String, Object>> rows = new java.util.ArrayList<>();
      for (int i = from; i < Math.min(people, from + CEILING_BATCH); i++) {
        String[] p = corpus.personAt(i);
        rows.add(Map.of("id", "con_ceil_" + i, "name", p[0], "nameSort", p[0].toLowerCase(Locale.ROOT), "email", "ceil-" + p[1],
            "emails", List.of("ceil-" + p[1]), "nameVariants", List.of(p[0]), "account", "acc_ceil_" + (i / IngestCorpus.PEOPLE_PER_COMPANY)));
      }
      tx.executeWithoutResult(s -> client.query("""
          UNWIND $rows AS r
          MATCH (a:Account {id: r.account})
          CREATE (c:Contact) SET c = r {.id, .name, .nameSort, .email, .emails, .nameVariants}
          CREATE (c)-[:WORKS_AT]->(a)
          CREATE (:Alias {key: 'email:' + r.email})-[:ALIAS_OF]->(c)
          CREATE (:Alias {key: 'name:' + r.nameSort + '@' + r.account})-[:ALIAS_OF]->(c)""").bind(rows).to("rows").run());
    }
    java.util.Iterator<List<IngestCorpus.Mail>> batches = corpus.mailBatches("large.mbox", n, CEILING_BATCH);
    while (batches.hasNext()) {
      List<Map<String, Object>> rows = new java.util.ArrayList<>();
      for (IngestCorpus.Mail m : batches.next()) {
        Map<String, Object> r = new java.util.HashMap<>();
        r.put("props", m.props());
        String id = (String) m.props().get("messageId");
        r.put("id", "eml_ceil_" + id);
        r.put("source", Map.of("id", "src_ceil_" + id, "key", "ceil:" + id, "kind", "email", "source", "email:large.mbox", "sourceId", id,
            "position", "large.mbox", "contentHash", id, "status", "INGESTED"));
        r.put("from", "con_ceil_" + m.from());
        r.put("to", "con_ceil_" + m.to());
        r.put("parent", m.parent() < 0 ? null : "eml_ceil_<large.mbox-" + m.parent() + "@bench.invalid>");
        rows.add(r);
      }
      tx.executeWithoutResult(s -> client.query("""
          UNWIND $rows AS r
          MATCH (f:Contact {id: r.from})
          MATCH (t:Contact {id: r.to})
          CREATE (e:Email) SET e = r.props, e.id = r.id
          CREATE (s:SourceRecord) SET s = r.source
          CREATE (s)-[:PRODUCED]->(e), (f)-[:SENT]->(e), (e)-[:TO]->(t), (s)-[:RESOLVED_TO]->(f), (s)-[:RESOLVED_TO]->(t)
          WITH e, r WHERE r.parent IS NOT NULL
          MATCH (p:Email {id: r.parent})
          CREATE (e)-[:REPLY_TO]->(p)""").bind(rows).to("rows").run());
    }
    double seconds = (System.nanoTime() - t) / 1e9;
    out.printf(Locale.ROOT, "  ceiling: plain batched CREATE of the same nodes and relationships as the email import (%,d emails with their source records, people, companies, keys, links): %.1f s, %,.0f emails/s%n",
        n, seconds, n / seconds);
  }
}
