package io.customergraph.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A seeded synthetic corpus for the ingest benchmark: an mbox of emails (with reply threads), JSON-lines call
 * transcripts, a tickets CSV, an invoices CSV and a JSON-lines event feed, among a fixed population of people at
 * companies. Also keeps the email nodes' properties, for the plain-write ceiling.
 */
final class IngestCorpus {

  static final int COMPANIES = 400;
  static final int PEOPLE_PER_COMPANY = 8;
  private static final ZonedDateTime START = ZonedDateTime.of(2026, 1, 1, 8, 0, 0, 0, ZoneOffset.UTC);
  private static final List<String> FIRST = List.of("Ann", "Bob", "Chen", "Dana", "Eve", "Farid", "Gita", "Hugo", "Ines", "Jon", "Kemal", "Lena");
  private static final List<String> LAST = List.of("Smith", "Okafor", "Larsen", "Moreau", "Tanaka", "Rossi", "Novak", "Silva", "Berg", "Khan");
  private static final String BODY =
      "Thanks for the update on the rollout. We reviewed the proposal with the team and have a few questions about the "
          + "reporting module, the SSO setup and the renewal terms. Could you send the pricing for the additional seats "
          + "and confirm whether the export issue from last week has been fixed? We would like to decide before the end "
          + "of the quarter.";

  private final long seed;
  private Random random;

  IngestCorpus(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
  }

  private String person(int i) {
    int company = i / PEOPLE_PER_COMPANY;
    return FIRST.get(i % FIRST.size()) + " " + LAST.get((i / FIRST.size()) % LAST.size()) + "|"
        + (FIRST.get(i % FIRST.size()) + "." + LAST.get((i / FIRST.size()) % LAST.size()) + i).toLowerCase(Locale.ROOT)
        + "@company" + company + ".example";
  }

  private int anyone() {
    return random.nextInt(COMPANIES * PEOPLE_PER_COMPANY);
  }

  /** One generated email: its mbox text, the properties its Email node gets, sender, recipient and parent. */
  record Mail(String text, Map<String, Object> props, int from, int to, int parent) {}

  /** The i-th email of a file; the file's own random stream makes it reproducible without keeping it. */
  private Mail mail(String name, int i, Random r) {
    int fromIndex = r.nextInt(COMPANIES * PEOPLE_PER_COMPANY);
    int toIndex = r.nextInt(COMPANIES * PEOPLE_PER_COMPANY);
    String[] from = person(fromIndex).split("\\|");
    String[] to = person(toIndex).split("\\|");
    ZonedDateTime at = START.plusMinutes(7L * i);
    boolean reply = i > 10 && r.nextInt(3) == 0;
    int parent = reply ? i - 1 - r.nextInt(Math.min(i - 1, 50)) : -1;
    String id = "<" + name + "-" + i + "@bench.invalid>";
    String subject = reply ? "Re: Question " + parent : "Question " + i;
    StringBuilder w = new StringBuilder(1024);
    w.append("From ").append(from[1]).append(' ').append(at.format(DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT))).append('\n');
    w.append("Message-ID: ").append(id).append("\nDate: ").append(at.format(DateTimeFormatter.RFC_1123_DATE_TIME))
        .append("\nFrom: \"").append(from[0]).append("\" <").append(from[1]).append(">\nTo: \"").append(to[0]).append("\" <").append(to[1]).append(">\n");
    if (reply) {
      w.append("In-Reply-To: <").append(name).append('-').append(parent).append("@bench.invalid>\n");
    }
    w.append("Subject: ").append(subject).append("\nContent-Type: text/plain; charset=utf-8\n\n");
    String body = "Hi " + to[0].split(" ")[0] + ",\n\n" + BODY + "\n\nBest,\n" + from[0] + "\nAccount Manager\n+1 415 555 " + (1000 + i % 9000) + "\n";
    w.append(body).append('\n');
    Map<String, Object> props = new HashMap<>();
    props.put("messageId", id);
    props.put("subject", subject);
    props.put("body", body);
    props.put("occurredAt", at);
    props.put("direction", "INBOUND");
    props.put("threadKey", "msg:" + id);
    return new Mail(w.toString(), props, fromIndex, toIndex, parent);
  }

  private Random fileRandom(String name) {
    return new Random(seed * 31 + name.hashCode());
  }

  Path mbox(Path dir, String name, int n) throws IOException {
    Path file = dir.resolve(name);
    Random r = fileRandom(name);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < n; i++) {
        w.write(mail(name, i, r).text());
      }
    }
    return file;
  }

  /** A person of the population as name and email. */
  String[] personAt(int i) {
    return person(i).split("\\|");
  }

  /** The emails of an mbox written by {@link #mbox}, regenerated in batches rather than kept. */
  Iterator<List<Mail>> mailBatches(String name, int n, int batch) {
    Random r = fileRandom(name);
    return new Iterator<>() {
      int i;

      public boolean hasNext() {
        return i < n;
      }

      public List<Mail> next() {
        List<Mail> rows = new ArrayList<>(batch);
        for (int end = Math.min(n, i + batch); i < end; i++) {
          rows.add(mail(name, i, r));
        }
        return rows;
      }
    };
  }

  /** The Email node properties of an mbox written by {@link #mbox}, regenerated in batches rather than kept. */
  Iterator<List<Map<String, Object>>> emailBatches(String name, int n, int batch) {
    Iterator<List<Mail>> mails = mailBatches(name, n, batch);
    return new Iterator<>() {
      public boolean hasNext() {
        return mails.hasNext();
      }

      public List<Map<String, Object>> next() {
        return mails.next().stream().map(Mail::props).toList();
      }
    };
  }

  Path calls(Path dir, int n) throws IOException {
    Path file = dir.resolve("calls.jsonl");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < n; i++) {
        String[] a = person(anyone()).split("\\|");
        w.write("{\"id\":\"call-" + i + "\",\"title\":\"Review " + i + "\",\"startedAt\":\"" + START.plusHours(i) + "\",\"direction\":\"OUTBOUND\","
            + "\"participants\":[{\"name\":\"" + a[0] + "\",\"email\":\"" + a[1] + "\"}],\"turns\":["
            + "{\"speaker\":\"Rep\",\"start\":0,\"end\":5,\"text\":\"Thanks for joining. How is the rollout going?\"},"
            + "{\"speaker\":\"" + a[0] + "\",\"start\":5,\"end\":12,\"text\":\"Mostly fine, but the export keeps failing.\"}]}\n");
      }
    }
    return file;
  }

  Path tickets(Path dir, int n) throws IOException {
    Path file = dir.resolve("tickets.csv");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("id,requester_name,requester_email,subject,description,status,priority,created_at\n");
      for (int i = 0; i < n; i++) {
        String[] p = person(anyone()).split("\\|");
        w.write("T-" + i + "," + p[0] + "," + p[1] + ",Export failing " + i + ",\"The export fails, please help\"," + (i % 3 == 0 ? "solved" : "open") + ","
            + (i % 5 == 0 ? "high" : "normal") + "," + START.plusMinutes(30L * i) + "\n");
      }
    }
    return file;
  }

  Path invoices(Path dir, int n) throws IOException {
    Path file = dir.resolve("invoices.csv");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("number,seller,buyer,buyer_domain,amount,currency,issue_date,due_date\n");
      for (int i = 0; i < n; i++) {
        int c = random.nextInt(COMPANIES);
        w.write("INV-" + i + ",Our Co,Company " + c + ",company" + c + ".example," + (100 + i % 900) + ".00,EUR,"
            + START.plusDays(i % 300).toLocalDate() + "," + START.plusDays(i % 300 + 30).toLocalDate() + "\n");
      }
    }
    return file;
  }

  Path events(Path dir, int n) throws IOException {
    Path file = dir.resolve("events.jsonl");
    List<String> types = List.of("email_opened", "page_viewed", "link_clicked", "content_downloaded");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < n; i++) {
        String[] p = person(anyone()).split("\\|");
        w.write("{\"type\":\"" + types.get(i % types.size()) + "\",\"email\":\"" + p[1] + "\",\"timestamp\":\"" + START.plusSeconds(97L * i)
            + "\",\"url\":\"/pricing\",\"campaign\":\"spring\"}\n");
      }
    }
    return file;
  }
}
