package io.customergraph.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code load-benchmark}: the service as a busy team meets it (issue #18.2). Starts the service from this jar with the
 * demo world, creates one API key per client (managers, analysts, reps and administrators in turn), then runs that
 * many clients for the given time on loopback, each sending a seeded mix of the queries front-ends send: a page of
 * accounts with their contacts' and deals' scores (the request that failed under two concurrent clients), a contact
 * with its score explanation, search, the riskiest accounts, a neighbourhood, counts. Prints requests per second,
 * latency percentiles, answers by kind — and exits 1 if any answer was an error other than 429 (a key over its rate
 * limit, which is the service working as configured).
 */
final class LoadBenchmark {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private LoadBenchmark() {}

  static int run(Map<String, String> options, PrintStream out) throws IOException {
    int clients = Cli.intOption(options, "clients", 32);
    int seconds = Cli.intOption(options, "seconds", 60);
    Path data = Files.createTempDirectory("customer-graph-load-");
    Path log = data.resolveSibling(data.getFileName() + ".log");
    String admin = "load-benchmark-" + java.util.UUID.randomUUID(); // this run's own administrator key
    out.printf("Customer Graph under load — %d cores, JDK %s, %d clients for %d s on loopback, demo world of %s accounts%n",
        Runtime.getRuntime().availableProcessors(), Runtime.version(), clients, seconds, options.getOrDefault("demo-accounts", "200"));
    StartupBenchmark.Service service = StartupBenchmark.start(data, admin, options.getOrDefault("demo-accounts", "200"), log);
    try {
      double ready = StartupBenchmark.awaitReady(service);
      out.printf("  service ready after %.1f s%n", ready);
      String base = service.base();
      Fixture fixture = fixture(base, admin);
      Clients c = clients(base, admin, clients, fixture, null);
      long logBefore = Files.size(log);
      long auditBefore = auditEvents(base, admin);
      Result result = drive(List.of(base), c.keys(), c.roles(), fixture, Duration.ofSeconds(seconds));
      long logAfter = Files.size(log);
      result.print(out, seconds);
      out.printf("  service log grew by %,d bytes during the run; RSS %d MB%n", logAfter - logBefore, StartupBenchmark.rssMegabytes(service.process().pid()));
      Thread.sleep(2_000); // the audit is written every second
      out.printf("  audit events written during the run: %,d (one per key, operation and minute)%n", auditEvents(base, admin) - auditBefore);
      return result.failures() == 0 ? 0 : 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (IllegalStateException e) {
      throw new IOException(e.getMessage() + "; the service's output is in " + log);
    } finally {
      service.process().destroy();
      try {
        service.process().waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      StartupBenchmark.delete(data);
    }
  }

  /** The clients' keys and roles. */
  record Clients(List<String> keys, List<String> roles) {}

  /**
   * One API key per client, managers, analysts, reps and administrators in turn; {@code requestsPerMinute} null
   * leaves each key at the service's default rate limit.
   */
  static Clients clients(String base, String admin, int n, Fixture fixture, @org.jspecify.annotations.Nullable Integer requestsPerMinute)
      throws IOException, InterruptedException {
    List<String> keys = new ArrayList<>(), clientRoles = new ArrayList<>();
    String[] roles = {"MANAGER", "ANALYST", "REP", "ADMIN"};
    for (int i = 0; i < n; i++) {
      String role = roles[i % roles.length];
      clientRoles.add(role);
      String owner = role.equals("REP") ? ", owner: " + JSON.writeValueAsString(fixture.owner()) : "";
      String rate = requestsPerMinute == null ? "" : ", requestsPerMinute: " + requestsPerMinute;
      JsonNode issued = post(base, admin, "mutation { createApiKey(input: {name: \"load client %d\", roles: [%s]%s%s}) { ... on ApiKeyIssued { secret } } }"
          .formatted(i, role, owner, rate)).body();
      String secret = issued.path("data").path("createApiKey").path("secret").asString();
      if (secret.isEmpty()) {
        throw new IllegalStateException("no key was issued: " + issued);
      }
      keys.add(secret);
    }
    return new Clients(keys, clientRoles);
  }

  /** Ids the queries ask about, read once from the running service. */
  record Fixture(List<String> accounts, List<String> contacts, String owner, List<String> ownAccounts, List<String> ownContacts) {}

  static Fixture fixture(String base, String admin) throws IOException, InterruptedException {
    JsonNode page = post(base, admin, "{ accounts(first: 50) { edges { node { id owner contacts { id } } } } }").body();
    List<String> accounts = new ArrayList<>(), contacts = new ArrayList<>(), ownAccounts = new ArrayList<>(), ownContacts = new ArrayList<>();
    String owner = null;
    for (JsonNode edge : page.path("data").path("accounts").path("edges")) {
      JsonNode node = edge.path("node");
      if (owner == null && !node.path("owner").isNull()) {
        owner = node.path("owner").asString();
      }
      boolean own = owner != null && owner.equals(node.path("owner").asString());
      accounts.add(node.path("id").asString());
      if (own) {
        ownAccounts.add(node.path("id").asString());
      }
      for (JsonNode c : node.path("contacts")) {
        contacts.add(c.path("id").asString());
        if (own) {
          ownContacts.add(c.path("id").asString());
        }
      }
    }
    if (ownAccounts.isEmpty() || ownContacts.isEmpty()) {
      throw new IllegalStateException("the demo world has no accounts with contacts and an owner: " + page);
    }
    return new Fixture(accounts, contacts, owner, ownAccounts, ownContacts);
  }

  /** The queries of the mix, by name; {@code %s} is an id drawn for each request. */
  static final Map<String, String> MIX = new java.util.LinkedHashMap<>(Map.of(
      "accounts with scores", "{ accounts(first: 50) { edges { node { id name contacts { name title score { probability } } deals { name stage amount score { probability } } } } } }",
      "contact with explanation", "{ contact(id: \"%s\") { name score { probability band explanation { summary up { feature logOdds sentence } down { feature logOdds sentence } } } } }",
      "search", "{ search(text: \"%s\") { score node { id } } }",
      "riskiest accounts", "{ topScored(kind: CHURN_RISK, first: 20) { edges { node { probability band } entity { id } } } }",
      "neighbourhood", "{ neighborhood(id: \"%s\", depth: 2) { nodes { id label } relationships { type } truncated } }",
      "counts", "{ stats { interactions { name count } quarantined } }"));

  private static final String[] SEARCHES = {"Allen", "Phillip Alen", "acme", "Jane", "Smith", "enron.com", "Globex"};

  /**
   * One request of the mix as a client of this role would send it: a rep asks about the accounts they own (others are
   * refused, rightly), an analyst searches companies (people's names are pseudonymised for them), counts are for
   * managers, analysts and administrators.
   */
  private static String request(String name, String role, Fixture f, SplittableRandom random) {
    boolean rep = role.equals("REP");
    List<String> accounts = rep ? f.ownAccounts() : f.accounts(), contacts = rep ? f.ownContacts() : f.contacts();
    String template = MIX.get(name);
    return switch (name) {
      case "contact with explanation" -> template.formatted(contacts.get(random.nextInt(contacts.size())));
      case "search" -> role.equals("ANALYST")
          ? "{ search(text: \"%s\", types: [ACCOUNT]) { score node { id } } }".formatted(COMPANIES[random.nextInt(COMPANIES.length)])
          : template.formatted(SEARCHES[random.nextInt(SEARCHES.length)]);
      case "neighbourhood" -> template.formatted(accounts.get(random.nextInt(accounts.size())));
      case "counts" -> rep ? MIX.get("riskiest accounts") : template;
      default -> template;
    };
  }

  private static final String[] COMPANIES = {"Acme", "Globex", "Initech", "Umbrella", "Hooli"};

  /** What the clients saw. */
  record Result(Map<String, AtomicLong> answers, ConcurrentLinkedQueue<Long> micros, ConcurrentLinkedQueue<String> examples) {
    long failures() {
      return answers.entrySet().stream().filter(e -> !e.getKey().equals("ok") && !e.getKey().equals("429 rate limited"))
          .mapToLong(e -> e.getValue().get()).sum();
    }

    void print(PrintStream out, int seconds) {
      List<Long> sorted = new ArrayList<>(micros);
      sorted.sort(null);
      long total = sorted.size();
      out.printf("  %,d requests in %d s: %,.0f requests/s%n", total, seconds, total / (double) seconds);
      if (total > 0) {
        out.printf("  latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", pct(sorted, 0.50), pct(sorted, 0.95), pct(sorted, 0.99),
            sorted.getLast() / 1000.0);
      }
      answers.entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> out.printf("  %-28s %,d%n", e.getKey(), e.getValue().get()));
      examples.stream().limit(5).forEach(e -> out.println("    e.g. " + e));
      out.printf("  errors other than 429: %d%n", failures());
    }

    private static double pct(List<Long> sorted, double p) {
      return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1000.0;
    }
  }

  /** Runs the clients for the given time; client i sends to {@code bases[i % bases.size()]}. */
  static Result drive(List<String> bases, List<String> keys, List<String> roles, Fixture fixture, Duration length) throws InterruptedException {
    Result result = new Result(new ConcurrentHashMap<>(), new ConcurrentLinkedQueue<>(), new ConcurrentLinkedQueue<>());
    List<String> names = List.copyOf(MIX.keySet());
    long end = System.nanoTime() + length.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i), role = roles.get(i), base = bases.get(i % bases.size());
      SplittableRandom random = new SplittableRandom(42 + i);
      threads.add(Thread.ofPlatform().name("load-client-" + i).start(() -> {
        while (System.nanoTime() < end) {
          String name = names.get(random.nextInt(names.size()));
          long t0 = System.nanoTime();
          String kind;
          try {
            Answer a = post(base, key, request(name, role, fixture, random));
            if (a.status() == 429) {
              kind = "429 rate limited";
              long wait = a.retryAfterSeconds() * 1000L;
              Thread.sleep(Math.min(Math.max(wait, 100), Math.max(0, (end - System.nanoTime()) / 1_000_000)));
            } else if (a.status() != 200) {
              kind = "HTTP " + a.status();
              result.examples().add(name + ": HTTP " + a.status());
            } else if (a.body().has("errors")) {
              kind = "GraphQL error";
              result.examples().add(name + ": " + a.body().path("errors").get(0).path("message").asString());
            } else {
              kind = "ok";
            }
          } catch (IOException e) {
            kind = "no answer";
            result.examples().add(name + ": " + e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          if (!kind.equals("429 rate limited")) {
            result.micros().add((System.nanoTime() - t0) / 1000);
          }
          result.answers().computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    return result;
  }

  record Answer(int status, JsonNode body, long retryAfterSeconds) {}

  /** How many AuditEvent nodes the graph holds (from `stats`). */
  static long auditEvents(String base, String admin) throws IOException, InterruptedException {
    for (JsonNode n : post(base, admin, "{ stats { nodes { name count } } }").body().path("data").path("stats").path("nodes")) {
      if (n.path("name").asString().equals("AuditEvent")) {
        return n.path("count").asLong();
      }
    }
    return 0;
  }

  static Answer post(String base, String key, String query) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/graphql")).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query)))).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body = r.statusCode() == 200 ? JSON.readTree(r.body()) : JSON.createObjectNode();
    long retry = r.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
    return new Answer(r.statusCode(), body, retry);
  }
}
