package io.customergraph.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.customergraph.CustomerGraphApplication;
import io.customergraph.Neo4jFixture;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboards and alert rules against a real Prometheus (Debian's {@code prometheus} package; {@code .ci/run}
 * installs it): the service runs with a small demo world and some traffic, Prometheus scrapes it, and every panel's
 * expression and every alert rule is evaluated through Prometheus' HTTP API. A panel fails if its expression is
 * invalid, names a metric the service does not export, or shows no data; {@code promtool} checks the exposition,
 * the configuration and the rules.
 */
class DashboardsPrometheusTest {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path DASHBOARDS = Path.of("dashboards");
  /** Metric names in expressions: the families the service exports. */
  private static final Pattern METRIC = Pattern.compile("\\b((?:customer_graph|graphql|http_server|jvm|process|system)_[a-zA-Z0-9_]+)\\b");

  @Test
  void everyPanelAndAlertRuleEvaluatesWithDataAgainstARealPrometheus() throws Exception {
    Path prometheus = Path.of("/usr/bin/prometheus");
    Path promtool = Path.of("/usr/bin/promtool");
    assumeThat(Files.isExecutable(prometheus) && Files.isExecutable(promtool))
        .as("Debian's prometheus package is installed (apt-get install prometheus; .ci/run does it)").isTrue();

    Path data = Neo4jFixture.freshDirectory();
    String[] args = io.customergraph.TestService.arguments(data,
        "--customer-graph.demo.accounts=12",
        "--customer-graph.observe.refresh=PT1S",
        "--customer-graph.score.refresh-delay=PT0.5S",
        "--customer-graph.act.webhook-attempts=1",
        "--customer-graph.act.webhook-poll=PT0.5S");
    try (ConfigurableApplicationContext app = SpringApplication.run(CustomerGraphApplication.class, args)) {
      String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
      traffic(base);
      waitFor(Duration.ofSeconds(60), () -> get(base + "/actuator/prometheus").contains("customer_graph_score_band_entities{")
          && get(base + "/actuator/prometheus").contains("customer_graph_webhook_deliveries_total{"));
      String exposition = get(base + "/actuator/prometheus");

      // promtool: the exposition lints clean, the shipped configuration and rules are valid.
      assertThat(run(List.of(promtool.toString(), "check", "metrics"), exposition)).as("promtool check metrics").startsWith("0:");
      assertThat(run(List.of(promtool.toString(), "check", "rules", DASHBOARDS.resolve("alerts.yml").toString()), "")).startsWith("0:");

      Set<String> exported = new TreeSet<>();
      for (String line : exposition.split("\n")) {
        if (!line.startsWith("#") && !line.isBlank()) {
          exported.add(line.replaceFirst("[{ ].*", ""));
        }
      }

      // A real Prometheus scraping the service every second, with the shipped rules.
      Path dir = Files.createTempDirectory("cg-prometheus");
      int port = Neo4jFixture.freePort();
      String config = Files.readString(DASHBOARDS.resolve("prometheus.yml"))
          .replace("scrape_interval: 15s", "scrape_interval: 1s")
          .replace("evaluation_interval: 15s", "evaluation_interval: 1s")
          .replace("- alerts.yml", "- " + DASHBOARDS.resolve("alerts.yml").toAbsolutePath())
          .replace("127.0.0.1:8080", base.substring("http://".length()));
      Files.writeString(dir.resolve("prometheus.yml"), config);
      // Prometheus scrapes with a key of its own that may do nothing else (role METRICS), read from the file the shipped
      // configuration names.
      JsonNode issued = graphql(base, "mutation { createApiKey(input: {name: \"prometheus\", roles: [METRICS]}) { ... on ApiKeyIssued { secret } } }");
      Files.writeString(dir.resolve("customer-graph-metrics.key"), issued.path("data").path("createApiKey").path("secret").asString());
      // The shipped configuration (with only interval, rule path and target changed) is valid once its key file exists.
      assertThat(run(List.of(promtool.toString(), "check", "config", dir.resolve("prometheus.yml").toString()), "")).startsWith("0:");
      Process server = new ProcessBuilder(prometheus.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
          "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
          .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
      String api = "http://127.0.0.1:" + port + "/api/v1/";
      try {
        waitFor(Duration.ofSeconds(30), () -> "1".equals(scalar(api, "up{job=\"customer-graph\"}")));
        // rate() over [5m] needs two samples; give the scrapes and the rule evaluations a few rounds.
        waitFor(Duration.ofSeconds(30), () -> !results(api, "rate(graphql_request_seconds_count[5m])").isEmpty());
        Thread.sleep(3000);

        List<String> problems = new ArrayList<>();
        int panels = 0;
        for (String file : List.of("revenue-and-risk.json", "data-and-resolution.json", "service-health.json")) {
          JsonNode dashboard = JSON.readTree(Files.readString(DASHBOARDS.resolve(file)));
          assertThat(dashboard.path("templating").path("list").get(0).path("type").asString()).isEqualTo("datasource");
          for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
              panels++;
              String expr = target.path("expr").asString();
              String where = file + " / " + panel.path("title").asString();
              Matcher m = METRIC.matcher(withoutLabels(expr));
              while (m.find()) {
                if (!exported.contains(m.group(1))) {
                  problems.add(where + ": names " + m.group(1) + ", which the service does not export");
                }
              }
              JsonNode answer = query(api, expr);
              if (!"success".equals(answer.path("status").asString())) {
                problems.add(where + ": invalid expression: " + answer.path("error").asString());
              } else if (answer.path("data").path("result").isEmpty()) {
                problems.add(where + ": no data");
              }
            }
          }
        }
        assertThat(panels).isGreaterThanOrEqualTo(25);

        JsonNode rules = JSON.readTree(get(api + "rules"));
        int evaluated = 0;
        for (JsonNode group : rules.path("data").path("groups")) {
          for (JsonNode rule : group.path("rules")) {
            evaluated++;
            if (!"ok".equals(rule.path("health").asString())) {
              problems.add("rule " + rule.path("name").asString() + ": " + rule.path("health").asString() + " " + rule.path("lastError").asString());
            }
            JsonNode answer = query(api, rule.path("query").asString());
            if (!"success".equals(answer.path("status").asString())) {
              problems.add("rule " + rule.path("name").asString() + ": invalid expression: " + answer.path("error").asString());
            }
            Matcher m = METRIC.matcher(withoutLabels(rule.path("query").asString()));
            while (m.find()) {
              if (!exported.contains(m.group(1))) {
                problems.add("rule " + rule.path("name").asString() + ": names " + m.group(1) + ", which the service does not export");
              }
            }
          }
        }
        assertThat(evaluated).isEqualTo(6);
        assertThat(problems).isEmpty();
      } finally {
        server.destroy();
        server.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** The expression without label matchers and grouping clauses, so only metric names are left to look up. */
  private static String withoutLabels(String expr) {
    return expr.replaceAll("\\{[^}]*\\}", "").replaceAll("\\b(by|without|ignoring|on|group_left|group_right)\\s*\\([^)]*\\)", "");
  }

  /** Some of everything: reads, scores, an ingested record, a quarantined one, a training run, a failing webhook. */
  private static void traffic(String base) throws Exception {
    graphql(base, "{ accounts(first: 12) { edges { node { id score { probability } contacts { id score { probability } } } } } }");
    JsonNode contacts = graphql(base, "{ topScored(kind: LEAD_PRIORITY, first: 3) { edges { node { entityId } } } }");
    for (JsonNode edge : contacts.path("data").path("topScored").path("edges")) {
      graphql(base, "{ nextActions(id: \"" + edge.path("node").path("entityId").asString() + "\") { id status } }");
    }
    // A lead withdraws consent: their actions are held back (a suppression by reason).
    String lead = contacts.path("data").path("topScored").path("edges").get(0).path("node").path("entityId").asString();
    graphql(base, "mutation { setConsent(contactId: \"" + lead + "\", purpose: \"marketing\", granted: false) { __typename } }");
    graphql(base, "{ nextActions(id: \"" + lead + "\") { id status } }");
    graphql(base, "mutation { trainModel(kind: DEAL_WIN) { published message } }");
    graphql(base, "mutation { createWebhook(url: \"http://127.0.0.1:9/nowhere\", events: [BAND_CHANGED, ACCOUNT_AT_RISK], secret: \"0123456789abcdef\") { __typename } }");
    graphql(base, "mutation { ingestRecord(kind: CONTACT, payload: \"{\\\"name\\\": \\\"Grace Hopper\\\", \\\"email\\\": \\\"grace@navy.invalid\\\"}\") { outcome } }");
    graphql(base, "mutation { ingestRecord(kind: INVOICE, payload: \"<Invoice>not UBL</Invoice>\") { outcome } }");
    // A band change for the webhook: a contact scored, then made hot.
    String account = graphql(base, "{ accounts(first: 1) { edges { node { id contacts { id } } } } }")
        .path("data").path("accounts").path("edges").get(0).path("node").path("contacts").get(0).path("id").asString();
    for (int i = 0; i < 6; i++) {
      graphql(base, "mutation { recordActivity(input: {contactId: \"" + account + "\", type: PAGE_VIEWED, occurredAt: \""
          + Instant.now().minusSeconds(60 + i) + "\", url: \"https://x.invalid/pricing/" + i + "\"}) { __typename } }");
    }
    graphql(base, "query { bad { field } }");
  }

  private static JsonNode graphql(String base, String query) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/graphql")).header("Content-Type", "application/json").header("Authorization", io.customergraph.TestService.BEARER)
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query)))).build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }

  private static String get(String url) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", io.customergraph.TestService.BEARER).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static JsonNode query(String api, String expr) {
    String body = get(api + "query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
    // A Prometheus still starting answers "Service Unavailable" as plain text: no result yet, and the waits ask again.
    return body.strip().startsWith("{") ? JSON.readTree(body) : JSON.createObjectNode();
  }

  private static JsonNode results(String api, String expr) {
    return query(api, expr).path("data").path("result");
  }

  private static String scalar(String api, String expr) {
    JsonNode r = results(api, expr);
    return r.isEmpty() ? "" : r.get(0).path("value").get(1).asString();
  }

  private static String run(List<String> command, String stdin) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    return p.exitValue() + ": " + out;
  }

  private static void waitFor(Duration limit, java.util.function.BooleanSupplier done) throws InterruptedException {
    Instant end = Instant.now().plus(limit);
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(end)) {
        throw new AssertionError("Timed out after " + limit);
      }
      Thread.sleep(250);
    }
  }
}
