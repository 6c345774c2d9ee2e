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

  private final Random random;
  final List<Map<String, Object>> emailProps = new ArrayList<>();

  IngestCorpus(long seed) {
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

  Path mbox(Path dir, String name, int n) throws IOException {
    Path file = dir.resolve(name);
    DateTimeFormatter rfc = DateTimeFormatter.RFC_1123_DATE_TIME;
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < n; i++) {
        String[] from = person(anyone()).split("\\|");
        String[] to = person(anyone()).split("\\|");
        ZonedDateTime at = START.plusMinutes(7L * i);
        boolean reply = i > 10 && random.nextInt(3) == 0;
        int parent = reply ? i - 1 - random.nextInt(Math.min(i - 1, 50)) : -1;
        String id = "<" + name + "-" + i + "@bench.invalid>";
        String subject = reply ? "Re: Question " + parent : "Question " + i;
        w.write("From " + from[1] + " " + at.format(DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT)) + "\n");
        w.write("Message-ID: " + id + "\nDate: " + at.format(rfc) + "\nFrom: \"" + from[0] + "\" <" + from[1] + ">\nTo: \"" + to[0] + "\" <" + to[1] + ">\n");
        if (reply) {
          w.write("In-Reply-To: <" + name + "-" + parent + "@bench.invalid>\n");
        }
        w.write("Subject: " + subject + "\nContent-Type: text/plain; charset=utf-8\n\n");
        String body = "Hi " + to[0].split(" ")[0] + ",\n\n" + BODY + "\n\nBest,\n" + from[0] + "\nAccount Manager\n+1 415 555 " + (1000 + i % 9000) + "\n";
        w.write(body);
        w.write("\n");
        Map<String, Object> props = new HashMap<>();
        props.put("messageId", id);
        props.put("subject", subject);
        props.put("body", body);
        props.put("occurredAt", at);
        props.put("direction", "INBOUND");
        props.put("threadKey", "msg:" + id);
        emailProps.add(props);
      }
    }
    return file;
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
