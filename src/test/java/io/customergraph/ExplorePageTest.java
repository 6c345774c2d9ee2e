package io.customergraph;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.resolve.EntityKind;
import io.customergraph.resolve.Resolver;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.neo4j.core.Neo4jClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #24: the explorer page in a real browser (Debian's chromium, driven by Selenium through Debian's chromedriver;
 * nothing downloaded). An analyst's and a manager's day: connect with a key, start from the riskiest account, see its
 * neighbourhood, read why its score is what it is and light up exactly the evidence the API gives, filter by kind and
 * time, find the path to another node, ask what-if without a node, see why a merged contact is one, decide a review,
 * see where deals stall; then a rep who cannot reach another team's account. No request leaves for another host.
 *
 * <p>Also the explorer's figures (measured, never asserted on time): first paint of the largest account neighbourhood
 * and the page's compressed asset size, written to {@code target/explore/figures.txt} with a screenshot of each view;
 * {@code ./mvnw test -Dtest=ExplorePageTest -Dexplore.accounts=200} measures them on the quick start's world.
 */
class ExplorePageTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path OUT = Path.of("target", "explore");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> EAST = Set.of("Dana Whitfield", "Marcus Ojo", "Helen Park", "Tobias Brandt", "Irene Castillo");

  private String base;
  private ChromeDriver browser;
  private JavascriptExecutor js;
  private WebDriverWait wait;
  private final List<String> figures = new ArrayList<>();

  @Test
  void analystsManagersAndRepsExploreTheGraphEachWithinTheirRole() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "chromium and chromedriver are not installed (Debian: apt-get install chromium chromium-driver; .ci/run installs them)");
    Files.createDirectories(OUT);
    Path data = Neo4jFixture.freshDirectory();
    // A small world keeps the suite quick; -Dexplore.accounts=200 (the quick start's world) gives 200-node neighbourhoods.
    String[] args = TestService.arguments(data, "--customer-graph.demo.accounts=" + Integer.getInteger("explore.accounts", 12),
        "--customer-graph.demo.anchor=2026-11-01");
    try (ConfigurableApplicationContext app = SpringApplication.run(CustomerGraphApplication.class, args)) {
      base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
      assertThat(TestService.awaitReady(base).statusCode()).isEqualTo(200);
      // The demo world's planted duplicates are left for evaluation; resolve its people as an import would, so that
      // there are merged contacts and open reviews to look at.
      Neo4jClient neo4j = app.getBean(Neo4jClient.class);
      List<String> people = List.copyOf(neo4j.query("MATCH (c:Contact) RETURN c.id ORDER BY c.id").fetchAs(String.class).all());
      app.getBean(Resolver.class).resolve(EntityKind.CONTACT, people);
      startBrowser();
      try {
        browser.get(base + "/explore");
        connect(TestService.ADMIN);
        String accountId = riskiestAccountWithEvidenceLit();
        filtersHideKindsAndOldEvents();
        pathToAFarNodeIsLit(accountId);
        whatIfWithoutAnEvidenceNode();
        mergedContactShowsItsWaterfall(neo4j);
        reviewQueueDecides(neo4j);
        processViewShowsWhereDealsStall();
        firstPaintOfALargeNeighbourhood(neo4j);
        searchFindsAContactByName();
        searchAnAccountAndExpandANeighbour();
        repCannotReachAnotherTeamsAccount();
        assertNoRequestLeftForAnotherHost();
        assetsCompressed();
        Files.write(OUT.resolve("figures.txt"), figures);
        figures.forEach(f -> System.out.println("explore figures: " + f));
      } finally {
        browser.quit();
      }
    }
  }

  // ---------------------------------------------------------------- the steps

  private void connect(String key) {
    js.executeScript("sessionStorage.clear()");
    browser.get(base + "/explore");
    browser.findElement(By.id("key")).sendKeys(key);
    browser.findElement(By.id("connect")).click();
  }

  /** Counts, the riskiest account drawn at the centre, its reasons; each reason's lit nodes are exactly its evidence. */
  private String riskiestAccountWithEvidenceLit() throws Exception {
    wait.until(d -> d.findElement(By.id("stats")).getText().contains("quarantined"));
    browser.findElement(By.cssSelector("#counts-box summary")).click();
    assertThat(browser.findElement(By.id("counts")).getText())
        .contains("Nodes", "Contact", "Interactions", "EMAIL", "Language tags", "Open reviews", "Scored", "Last import");
    wait.until(d -> !d.findElements(By.cssSelector("#top li[data-id]")).isEmpty());
    WebElement riskiest = browser.findElements(By.cssSelector("#top li[data-id]")).getFirst();
    String accountId = riskiest.getDomAttribute("data-id");
    assertThat(accountId).startsWith("acc_");
    riskiest.click();
    wait.until(d -> number("window.cy.nodes().length") > 3);
    assertThat(js.executeScript("return window.cy.getElementById(arguments[0]).hasClass('centre')", accountId)).isEqualTo(true);
    assertThat(number("window.cy.edges().length")).isPositive();
    wait.until(d -> !d.findElements(By.cssSelector("#score .factors li")).isEmpty());
    assertThat(browser.findElement(By.cssSelector("#score .band")).getText()).matches("[A-D] 0\\.\\d\\d");
    screenshot("graph-and-score");

    // What the API says each reason's evidence is, beside what the page lights up for it.
    JsonNode explanation = graphql(TestService.ADMIN, """
        query($id: ID!) { account(id: $id) { score { explanation {
          up { feature evidence { nodes { id } } } down { feature evidence { nodes { id } } } } } } }""", Map.of("id", accountId))
        .at("/data/account/score/explanation");
    Map<String, Set<String>> evidence = new LinkedHashMap<>();
    for (String side : List.of("up", "down")) {
      for (JsonNode f : explanation.get(side)) {
        Set<String> ids = new TreeSet<>();
        f.get("evidence").forEach(p -> p.get("nodes").forEach(n -> ids.add(n.get("id").asString())));
        evidence.put(f.get("feature").asString(), ids);
      }
    }
    int withEvidence = 0;
    for (WebElement reason : browser.findElements(By.cssSelector("#score .factors li"))) {
      String feature = reason.getDomAttribute("data-feature");
      reason.click();
      @SuppressWarnings("unchecked")
      List<String> lit = (List<String>) js.executeScript("return window.cy.nodes('.evidence').map(n => n.id())");
      assertThat(new TreeSet<>(lit)).as("nodes lit for %s", feature).isEqualTo(evidence.get(feature));
      if (!lit.isEmpty()) {
        withEvidence++;
      }
    }
    assertThat(withEvidence).as("some reason of the riskiest account has evidence").isPositive();
    screenshot("evidence");
    return accountId;
  }

  /** Unchecking a kind hides it; a time window hides events older than that before the newest event drawn. */
  private void filtersHideKindsAndOldEvents() {
    String kind = (String) js.executeScript("return window.cy.nodes().filter(n => !n.hasClass('centre') && n.data('at') !== null).first().data('label')");
    assertThat(kind).as("the neighbourhood holds events").isNotNull();
    // (Cytoscape applies a changed style on its next frame: wait for it.)
    String visibleOfKind = "window.cy.nodes().filter(n => n.data('label') === arguments[0] && n.visible()).length";
    browser.findElement(By.cssSelector("#kinds input[data-kind='" + kind + "']")).click();
    wait.until(d -> number(visibleOfKind, kind) == 0);
    browser.findElement(By.cssSelector("#kinds input[data-kind='" + kind + "']")).click();
    wait.until(d -> number(visibleOfKind, kind) > 0);

    int timed = number("window.cy.nodes().filter(n => n.data('at') !== null).length");
    String visibleTimed = "window.cy.nodes().filter(n => n.data('at') !== null && n.visible()).length";
    new Select(browser.findElement(By.id("window"))).selectByValue("7");
    wait.until(d -> number(visibleTimed) < timed);
    assertThat(number(visibleTimed)).isPositive();
    assertThat(number("""
        (() => { const ts = window.cy.nodes().map(n => n.data('at')).filter(t => t !== null); const newest = Math.max(...ts);
          return window.cy.nodes().filter(n => n.data('at') !== null && n.visible() && n.data('at') < newest - 7 * 86400000).length; })()""")).isZero();
    new Select(browser.findElement(By.id("window"))).selectByValue("0");
    wait.until(d -> number(visibleTimed) == timed);
  }

  /** Select a node two hops away, ask for the path from the centre: the lit path is the API's. */
  private void pathToAFarNodeIsLit(String accountId) throws Exception {
    String far = (String) js.executeScript("""
        const c = window.cy.getElementById(arguments[0]);
        const near = c.neighborhood('node');
        const far = window.cy.nodes().filter(n => n.id() !== c.id() && !near.contains(n) && n.data('label') !== 'Tag');
        const pick = (far.length ? far : near).first();
        pick.emit('tap');
        return pick.id();""", accountId);
    wait.until(d -> d.findElement(By.id("selected")).getText().contains(":"));
    browser.findElement(By.id("path")).click();
    wait.until(d -> d.findElement(By.id("path-result")).getText().contains("path"));
    JsonNode paths = graphql(TestService.ADMIN, "query($a: ID!, $b: ID!) { path(fromId: $a, toId: $b, maxHops: 4, limit: 3) { nodes { id } } }",
        Map.of("a", accountId, "b", far)).at("/data/path");
    Set<String> expected = new TreeSet<>();
    paths.forEach(p -> p.get("nodes").forEach(n -> expected.add(n.get("id").asString())));
    assertThat(expected).contains(accountId, far);
    @SuppressWarnings("unchecked")
    List<String> lit = (List<String>) js.executeScript("return window.cy.nodes('.path').map(n => n.id())");
    assertThat(new TreeSet<>(lit)).isEqualTo(expected);
    screenshot("path");
  }

  /** Select a piece of evidence and ask what the score would be without it: the page shows the API's two numbers. */
  private void whatIfWithoutAnEvidenceNode() throws Exception {
    String centre = (String) js.executeScript("return window.cy.nodes('.centre').first().id()");
    // Back to the centre's score, then the first reason with evidence other than the account itself.
    js.executeScript("document.getElementById('score').replaceChildren(); window.cy.getElementById(arguments[0]).emit('tap')", centre);
    wait.until(d -> !d.findElements(By.cssSelector("#score .factors li")).isEmpty());
    String without = null;
    for (WebElement reason : browser.findElements(By.cssSelector("#score .factors li"))) {
      reason.click();
      without = (String) js.executeScript("const n = window.cy.nodes('.evidence').filter(n => n.id() !== arguments[0]).last(); return n.length ? n.id() : null", centre);
      if (without != null) {
        break;
      }
    }
    assertThat(without).isNotNull();
    js.executeScript("window.cy.getElementById(arguments[0]).emit('tap')", without);
    wait.until(d -> d.findElement(By.id("whatif")).isEnabled());
    browser.findElement(By.id("whatif")).click();
    wait.until(d -> d.findElement(By.cssSelector("#score p.whatif")).getText().contains("→"));
    JsonNode w = graphql(TestService.ADMIN, "query($id: ID!, $w: ID!) { whatIf(kind: CHURN_RISK, id: $id, without: $w) { ... on WhatIf { before { probability } after { probability } } } }",
        Map.of("id", centre, "w", without)).at("/data/whatIf");
    assertThat(browser.findElement(By.cssSelector("#score p.whatif")).getText())
        .contains("%.2f → %.2f".formatted(w.at("/before/probability").asDouble(), w.at("/after/probability").asDouble()));
    js.executeScript("document.querySelector('#score p.whatif').scrollIntoView()");
    screenshot("what-if");
  }

  /** A contact the resolver merged: the records it was merged from, each with its waterfall and a split button. */
  private void mergedContactShowsItsWaterfall(Neo4jClient neo4j) throws Exception {
    Map<String, Object> merged = neo4j.query("MATCH (m:MergedContact)-[:SAME_AS]->(c:Contact) RETURN c.id AS survivor, m.id AS merged ORDER BY c.id LIMIT 1")
        .fetch().one().orElseThrow(() -> new AssertionError("resolving the demo world's people merged nobody"));
    search((String) merged.get("survivor"));
    wait.until(d -> !d.findElements(By.cssSelector("#merge-view .merged[data-merged='" + merged.get("merged") + "'] .waterfall tr")).isEmpty());
    WebElement part = browser.findElement(By.cssSelector("#merge-view .merged[data-merged='" + merged.get("merged") + "']"));
    List<String> rows = part.findElements(By.cssSelector(".waterfall tr")).stream().map(r -> r.getDomAttribute("data-factor")).toList();
    assertThat(rows.getFirst()).isEqualTo("prior");
    assertThat(rows.getLast()).isEqualTo("total");
    assertThat(rows).contains("given_name", "surname");
    assertThat(part.findElements(By.cssSelector("button.split"))).hasSize(1);
    assertThat(browser.findElement(By.id("merge-view")).getText()).contains("Source records", "id: " + merged.get("merged"));
    js.executeScript("arguments[0].scrollIntoView()", part);
    screenshot("merge");
  }

  /** A manager opens the most uncertain review, sees its waterfall and rejects it; it leaves the queue. */
  private void reviewQueueDecides(Neo4jClient neo4j) throws Exception {
    JsonNode queue = graphql(TestService.ADMIN, "{ reviewQueue(first: 15) { edges { node { id } } } }", Map.of()).at("/data/reviewQueue/edges");
    assertThat(queue.size()).as("resolving the demo world's people opened reviews").isPositive();
    wait.until(d -> d.findElements(By.cssSelector("#reviews li[data-id]")).size() == queue.size());
    String reviewId = queue.get(0).at("/node/id").asString();
    browser.findElement(By.cssSelector("#reviews li[data-id='" + reviewId + "']")).click();
    wait.until(d -> !d.findElements(By.cssSelector("#score .waterfall tr[data-factor='total']")).isEmpty());
    screenshot("review");
    browser.findElement(By.id("review-reject")).click();
    wait.until(d -> d.findElements(By.cssSelector("#reviews li[data-id='" + reviewId + "']")).isEmpty());
    assertThat(neo4j.query("MATCH (r:Review {id: $id}) RETURN r.status").bind(reviewId).to("id").fetchAs(String.class).one()).hasValue("REJECTED");
  }

  /** Stages in order with their open deals; the page marks as stalled exactly the deals the API calls stalled. */
  private void processViewShowsWhereDealsStall() throws Exception {
    browser.findElement(By.id("process-open")).click();
    wait.until(d -> d.findElements(By.cssSelector("#score .stage")).size() == 4);
    JsonNode stages = graphql(TestService.ADMIN, "{ pipeline(dealsPerStage: 12) { stage deals { deal { id } stalled } } }", Map.of()).at("/data/pipeline");
    for (JsonNode st : stages) {
      Set<String> stalled = new TreeSet<>();
      Set<String> all = new TreeSet<>();
      st.get("deals").forEach(x -> {
        all.add(x.at("/deal/id").asString());
        if (x.get("stalled").asBoolean()) {
          stalled.add(x.at("/deal/id").asString());
        }
      });
      String sel = "#score .stage[data-stage='" + st.get("stage").asString() + "'] .deal-row";
      Set<String> shown = new TreeSet<>(browser.findElements(By.cssSelector(sel)).stream().map(e -> e.getDomAttribute("data-id")).toList());
      Set<String> shownStalled = new TreeSet<>(browser.findElements(By.cssSelector(sel + "[data-stalled='true']")).stream().map(e -> e.getDomAttribute("data-id")).toList());
      assertThat(shown).isEqualTo(all);
      assertThat(shownStalled).isEqualTo(stalled);
    }
    assertThat(browser.findElements(By.cssSelector("#score .deal-row"))).isNotEmpty();
    screenshot("process");
  }

  /** The largest neighbourhood (three hops, at most 200 nodes) of any account, drawn: the figure printed. */
  private void firstPaintOfALargeNeighbourhood(Neo4jClient neo4j) throws Exception {
    String largest = null;
    int most = 0;
    // Among the 20 accounts with the most nodes two hops away (one request each stays within the key's rate limit).
    for (String id : neo4j.query("MATCH (a:Account) RETURN a.id ORDER BY COUNT { (a)--()--() } DESC, a.id LIMIT 20").fetchAs(String.class).all()) {
      int n = graphql(TestService.ADMIN, "query($id: ID!) { neighborhood(id: $id, depth: 3, limit: 200) { nodes { id } } }", Map.of("id", id))
          .at("/data/neighborhood/nodes").size();
      if (n > most) {
        most = n;
        largest = id;
      }
    }
    new Select(browser.findElement(By.id("depth"))).selectByValue("3");
    js.executeScript("window.lastPaint = null");
    search(largest);
    wait.until(d -> js.executeScript("return window.lastPaint") != null);
    @SuppressWarnings("unchecked")
    Map<String, Object> paint = (Map<String, Object>) js.executeScript("return window.lastPaint");
    assertThat(((Number) paint.get("nodes")).intValue()).isEqualTo(most);
    figures.add("first paint of a %d-node neighbourhood (depth 3, from the click to the drawn graph): %.0f ms (request %.0f ms, layout %.0f ms)"
        .formatted(most, ((Number) paint.get("ms")).doubleValue(), ((Number) paint.get("request")).doubleValue(), ((Number) paint.get("layout")).doubleValue()));
    screenshot("large-neighbourhood");
    new Select(browser.findElement(By.id("depth"))).selectByValue("2");
  }

  private void searchFindsAContactByName() {
    String contactName = (String) js.executeScript("return window.cy.nodes().filter(n => n.data('label') === 'Contact').first().data('caption')");
    search(contactName);
    wait.until(d -> d.findElements(By.cssSelector("#results li")).stream().anyMatch(li -> li.getText().contains(contactName)));
    assertThat(browser.findElement(By.id("error")).getText()).as("no error shown").isEmpty();
  }

  /**
   * Search a demo account by name, open it from the results, double-click a contact next to it: everything the API
   * gives as that contact's neighbourhood is then drawn.
   */
  private void searchAnAccountAndExpandANeighbour() throws Exception {
    JsonNode account = graphql(TestService.ADMIN, "{ accounts(first: 1) { edges { node { id name } } } }", Map.of()).at("/data/accounts/edges/0/node");
    String id = account.get("id").asString();
    new Select(browser.findElement(By.id("depth"))).selectByValue("1"); // the account and what touches it, then more
    search(account.get("name").asString());
    wait.until(d -> !d.findElements(By.cssSelector("#results li[data-id='" + id + "']")).isEmpty());
    browser.findElement(By.cssSelector("#results li[data-id='" + id + "']")).click();
    wait.until(d -> Boolean.TRUE.equals(js.executeScript("return window.cy.getElementById(arguments[0]).hasClass('centre')", id)));
    String contact = (String) js.executeScript(
        "return window.cy.getElementById(arguments[0]).neighborhood('node').filter(n => n.data('label') === 'Contact').first().id()", id);
    assertThat(contact).as("a contact next to %s", id).isNotNull();
    JsonNode around = graphql(TestService.ADMIN, "query($id: ID!) { neighborhood(id: $id, depth: 1, limit: 200) { nodes { id } } }",
        Map.of("id", contact)).at("/data/neighborhood/nodes");
    Set<String> expected = new TreeSet<>();
    around.forEach(n -> expected.add(n.get("id").asString()));
    @SuppressWarnings("unchecked")
    List<String> before = (List<String>) js.executeScript("return window.cy.nodes().map(n => n.id())");
    assertThat(expected.stream().anyMatch(n -> !before.contains(n))).as("the contact's neighbourhood reaches beyond what is drawn").isTrue();
    js.executeScript("window.cy.getElementById(arguments[0]).emit('dbltap')", contact);
    wait.until(d -> {
      @SuppressWarnings("unchecked")
      List<String> drawn = (List<String>) js.executeScript("return window.cy.nodes().map(n => n.id())");
      return drawn.containsAll(expected);
    });
    new Select(browser.findElement(By.id("depth"))).selectByValue("2");
  }

  /** A rep of the East team: an account of the West team is neither found nor opened by its id. */
  private void repCannotReachAnotherTeamsAccount() throws Exception {
    JsonNode key = graphql(TestService.ADMIN, """
        mutation { createApiKey(input: {name: "Dana", roles: [REP], owner: "Dana Whitfield", team: "East"}) { ... on ApiKeyIssued { secret } } }""",
        Map.of()).at("/data/createApiKey/secret");
    String west = null;
    String westName = null;
    for (JsonNode a : graphql(TestService.ADMIN, "{ accounts(first: 100) { edges { node { id name owner } } } }", Map.of()).at("/data/accounts/edges")) {
      if (!EAST.contains(a.at("/node/owner").asString())) {
        west = a.at("/node/id").asString();
        westName = a.at("/node/name").asString();
        break;
      }
    }
    assertThat(west).isNotNull();
    connect(key.asString());
    wait.until(d -> !d.findElements(By.cssSelector("#top li")).isEmpty());
    String theirs = westName;
    search(theirs);
    wait.until(d -> !d.findElements(By.cssSelector("#results li")).isEmpty());
    assertThat(browser.findElements(By.cssSelector("#results li[data-id='" + west + "']"))).isEmpty();
    js.executeScript("window.cy.elements().remove()");
    search(west);
    wait.until(d -> !d.findElement(By.id("error")).getText().isEmpty());
    assertThat(number("window.cy.nodes().length")).as("nothing of the other team's account drawn").isZero();
    assertThat(browser.findElement(By.id("reviews")).getText()).contains("for managers");
    screenshot("rep-refused");
  }

  /** Every request the browser made went to the service itself (the performance log holds every network request). */
  private void assertNoRequestLeftForAnotherHost() {
    List<String> urls = new ArrayList<>();
    for (LogEntry e : browser.manage().logs().get(LogType.PERFORMANCE).getAll()) {
      JsonNode m = JSON.readTree(e.getMessage()).get("message");
      if (m.get("method").asString().equals("Network.requestWillBeSent")) {
        urls.add(m.at("/params/request/url").asString());
      }
    }
    assertThat(urls).as("requests seen").anyMatch(u -> u.endsWith("/graphql")).anyMatch(u -> u.endsWith("cytoscape.min.js"));
    assertThat(urls).allMatch(u -> u.startsWith(base + "/") || u.startsWith("data:") || u.equals("about:blank"), "to " + base);
  }

  /** The page's assets as the service sends them to a browser that accepts gzip: the figure printed. */
  private void assetsCompressed() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long compressed = 0;
    long raw = 0;
    for (String asset : List.of("/explore", "/explore/explore.js", "/explore/explore.css", "/explore/vendor/cytoscape.min.js")) {
      HttpResponse<byte[]> plain = http.send(HttpRequest.newBuilder(URI.create(base + asset)).build(), HttpResponse.BodyHandlers.ofByteArray());
      HttpResponse<byte[]> gz = http.send(HttpRequest.newBuilder(URI.create(base + asset)).header("Accept-Encoding", "gzip").build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(plain.statusCode()).as(asset).isEqualTo(200);
      raw += plain.body().length;
      compressed += gz.body().length;
      if (asset.endsWith(".js") && plain.body().length > 10_000) {
        assertThat(gz.headers().firstValue("Content-Encoding")).as("%s is sent compressed", asset).hasValue("gzip");
      }
    }
    figures.add("page assets: %,d bytes, %,d bytes as sent compressed".formatted(raw, compressed));
  }

  // ---------------------------------------------------------------- helpers

  private void startBrowser() {
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    js = browser;
    wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    // On a timeout, say what the page showed (its error line first).
    wait.withMessage(() -> "console: " + browser.manage().logs().get(LogType.BROWSER).getAll()
        + "; the page showed: error «" + browser.findElement(By.id("error")).getText() + "»; "
        + browser.findElement(By.tagName("body")).getText().replace('\n', ' '));
  }

  private void search(String text) {
    WebElement box = browser.findElement(By.id("search"));
    box.clear();
    box.sendKeys(text);
    browser.findElement(By.cssSelector("#search-form button")).click();
  }

  private int number(String expression, Object... args) {
    return ((Number) js.executeScript("return " + expression, args)).intValue();
  }

  private void screenshot(String name) throws Exception {
    js.executeScript("document.scrollingElement.scrollTop = 0"); // a scrolled panel may have scrolled the page
    Files.write(OUT.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  private JsonNode graphql(String key, String query, Map<String, Object> variables) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/graphql"))
        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query, "variables", variables)))).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.has("errors")).as("errors of %s: %s", query, r.body()).isFalse();
    return body;
  }
}
