package io.customergraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import io.customergraph.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue #18: a hostile-input corpus through every import kind. A valid file of each kind is imported first; then, for
 * each kind, the same file cut at three places, with control characters and NULs sprinkled in, with one field of a
 * megabyte, and seeded binary garbage under the kind's file name. Asserted for every variant: the import finishes (no
 * exception: over HTTP that would be a 5xx), nothing stored before is changed — unless read in full as another version
 * of the same record, which is then kept beside it ({@code SourceVersion}) — and every record not taken is in
 * quarantine with a reason.
 */
class HostileInputCorpusTest extends GraphSupport {

  @Autowired Importer importer;

  /** A valid file per kind, named as users name them. */
  private static Map<IngestKind, Path> seeds(Path dir) throws Exception {
    Map<IngestKind, Path> seeds = new LinkedHashMap<>();
    seeds.put(IngestKind.ACCOUNT, copy(TestData.path("crm/accounts.csv"), dir.resolve("accounts.csv"), 20));
    seeds.put(IngestKind.REP, copy(TestData.path("crm/sales_teams.csv"), dir.resolve("sales_teams.csv"), 20));
    seeds.put(IngestKind.PRODUCT, copy(TestData.path("crm/products.csv"), dir.resolve("products.csv"), 20));
    seeds.put(IngestKind.DEAL, copy(TestData.path("crm/sales_pipeline.csv"), dir.resolve("sales_pipeline.csv"), 20));
    seeds.put(IngestKind.CONTACT, write(dir.resolve("contacts.csv"), """
        name,email,phone,title,company
        Jane Doe,jane@acme.invalid,+1 212 555 0100,CTO,Acme
        Raj Patel,raj@globex.invalid,+1 212 555 0101,Buyer,Globex
        Li Wei,li@initech.invalid,,Head of IT,Initech
        """));
    seeds.put(IngestKind.TICKET, write(dir.resolve("tickets.csv"), """
        id,requester_name,requester_email,subject,description,status,priority,created_at
        T-1,Jane Doe,jane@acme.invalid,Login fails,The login page keeps failing since Monday,OPEN,HIGH,2026-11-02T10:00:00Z
        T-2,Raj Patel,raj@globex.invalid,Invoice copy,Please send a copy of the October invoice,SOLVED,LOW,2026-11-03T11:00:00Z
        T-3,Li Wei,li@initech.invalid,Export,How do I export the report as CSV?,OPEN,NORMAL,2026-11-04T12:00:00Z
        """));
    seeds.put(IngestKind.ACTIVITY, write(dir.resolve("events.jsonl"), """
        {"type": "page_viewed", "email": "jane@acme.invalid", "timestamp": "2026-11-05T09:00:00Z", "url": "https://x.invalid/pricing"}
        {"type": "email_opened", "email": "raj@globex.invalid", "timestamp": "2026-11-05T09:05:00Z", "campaign": "november"}
        {"type": "content_downloaded", "email": "li@initech.invalid", "timestamp": "2026-11-05T09:10:00Z", "content": "case-study"}
        """));
    seeds.put(IngestKind.INVOICE, copy(TestData.path("invoices/ubl/en16931-guide-example1.xml"), dir.resolve("invoice.xml"), Integer.MAX_VALUE));
    seeds.put(IngestKind.PAYMENT, write(dir.resolve("payments.csv"), """
        invoice_number,seller,paid_at,amount
        12115118,SubscriptionSeller,2026-11-20T00:00:00Z,10
        """));
    seeds.put(IngestKind.EMAIL, copy(TestData.path("email/enron-sample.mbox"), dir.resolve("mail.mbox"), Integer.MAX_VALUE));
    seeds.put(IngestKind.CALL, copy(TestData.path("transcripts/boston_captions.vtt"), dir.resolve("call.vtt"), Integer.MAX_VALUE));
    return seeds;
  }

  @Test
  void hostileFilesOfEveryKindChangeNothingStoredAndLoseNothing(@TempDir Path dir) throws Exception {
    Map<IngestKind, Path> seeds = seeds(Files.createDirectories(dir.resolve("seeds")));
    for (var seed : seeds.entrySet()) {
      Importer.Summary s = importer.importFiles(seed.getKey(), List.of(seed.getValue()), Map.of(), p -> {});
      assertThat(s.outcome().ingested()).as("valid %s file", seed.getKey()).isPositive();
    }
    Map<String, String> before = stored();
    assertThat(before).hasSizeGreaterThan(50);

    SplittableRandom random = new SplittableRandom(18);
    List<String> failures = new ArrayList<>();
    for (var seed : seeds.entrySet()) {
      IngestKind kind = seed.getKey();
      for (Path variant : variants(seed.getValue(), dir.resolve("hostile-" + kind.id()), random)) {
        long quarantinedBefore = count("MATCH (q:SourceRecord {status: 'QUARANTINED'}) RETURN count(q)");
        Map<String, Long> versions = versions();
        Importer.Summary s;
        try {
          s = importer.importFiles(kind, List.of(variant), Map.of(), p -> {});
        } catch (RuntimeException e) {
          failures.add(kind + " " + variant.getFileName() + ": threw " + e);
          continue;
        }
        long quarantined = count("MATCH (q:SourceRecord {status: 'QUARANTINED'}) RETURN count(q)") - quarantinedBefore;
        if (quarantined < s.outcome().quarantined()) {
          failures.add(kind + " " + variant.getFileName() + ": " + s.outcome().quarantined() + " quarantined, " + quarantined + " kept in quarantine");
        }
        Map<String, String> after = stored();
        Map<String, Long> versionsAfter = versions();
        for (var e : before.entrySet()) {
          // A record read in full but different from the stored one (same Message-ID, other text) is an update, kept
          // only with the previous version beside it, so it can be seen and undone.
          boolean versioned = versionsAfter.getOrDefault(e.getKey(), 0L) > versions.getOrDefault(e.getKey(), 0L);
          if (!e.getValue().equals(after.get(e.getKey())) && !versioned) {
            failures.add(kind + " " + variant.getFileName() + ": changed " + e.getKey() + "\n      before " + e.getValue() + "\n      after  " + after.get(e.getKey()));
          }
        }
        // The next variant is compared with what this one left (an update kept with its previous version).
        before.replaceAll((id, props) -> after.getOrDefault(id, props));
      }
    }
    assertThat(count("MATCH (q:SourceRecord {status: 'QUARANTINED'}) WHERE q.reason IS NULL OR trim(q.reason) = '' RETURN count(q)")).as("quarantined without a reason").isZero();
    assertThat(failures).isEmpty();
  }

  /** Cut at a third, a half and two thirds; control characters; a megabyte field; binary garbage. */
  private static List<Path> variants(Path seed, Path dir, SplittableRandom random) throws Exception {
    Files.createDirectories(dir);
    byte[] valid = Files.readAllBytes(seed);
    String name = seed.getFileName().toString();
    List<Path> out = new ArrayList<>();
    for (int part : new int[] {3, 2}) {
      out.add(Files.write(dir.resolve("cut-1of" + part + "-" + name), java.util.Arrays.copyOf(valid, valid.length / part)));
    }
    out.add(Files.write(dir.resolve("cut-2of3-" + name), java.util.Arrays.copyOf(valid, valid.length * 2 / 3)));
    StringBuilder control = new StringBuilder(new String(valid, StandardCharsets.UTF_8));
    for (int i = 0; i < 20; i++) {
      control.insert(random.nextInt(control.length()), (char) new int[] {0, 7, 8, 27, 0x202E, 0xFEFF}[random.nextInt(6)]);
    }
    out.add(Files.writeString(dir.resolve("control-" + name), control));
    String text = new String(valid, StandardCharsets.UTF_8);
    int middle = text.indexOf('\n', text.length() / 2);
    out.add(Files.writeString(dir.resolve("huge-field-" + name), text.substring(0, Math.max(0, middle)) + "x".repeat(1 << 20) + text.substring(Math.max(0, middle))));
    byte[] garbage = new byte[4096];
    random.nextBytes(garbage);
    out.add(Files.write(dir.resolve("binary-" + name), garbage));
    return out;
  }

  /** Every stored node but bookkeeping, by id (or key), with its properties in a stable text form. */
  private Map<String, String> stored() {
    Map<String, String> out = new TreeMap<>();
    neo4j.query("""
        MATCH (n) WHERE n.id IS NOT NULL
          AND NOT n:SourceRecord AND NOT n:SourceVersion AND NOT n:AuditEvent AND NOT n:IngestJob
          AND NOT n:Score AND NOT n:ScoreHistory AND NOT n:Review AND NOT n:Model
        RETURN n.id AS id, labels(n) AS labels, properties(n) AS p""").fetch().all().forEach(r -> {
      Map<String, Object> p = new TreeMap<>((Map<String, Object>) r.get("p"));
      // Bookkeeping that any import touches.
      p.keySet().removeAll(List.of("updatedAt", "lastSeenAt", "resolvePending", "tagsVersion", "taggedAt"));
      out.put((String) r.get("id"), r.get("labels") + " " + p);
    });
    return out;
  }

  /** Previous versions kept, per node. */
  private Map<String, Long> versions() {
    Map<String, Long> out = new java.util.HashMap<>();
    neo4j.query("MATCH (v:SourceVersion) RETURN v.node AS node, count(v) AS n").fetch().all().forEach(r -> out.put((String) r.get("node"), (Long) r.get("n")));
    return out;
  }

  private static Path copy(Path from, Path to, int lines) throws Exception {
    List<String> all = Files.readAllLines(from);
    if (lines >= all.size()) {
      return Files.copy(from, to);
    }
    return Files.write(to, all.subList(0, lines));
  }

  private static Path write(Path to, String text) throws Exception {
    return Files.writeString(to, text);
  }
}
