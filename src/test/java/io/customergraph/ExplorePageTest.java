package io.customergraph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue #24: the explorer page in a real browser (Debian's chromium, driven by Selenium through Debian's chromedriver;
 * nothing downloaded). An analyst's day: connect with a key, start from the riskiest account, see its neighbourhood
 * drawn, read why its score is what it is, light up a reason's evidence on the graph, expand a node, search.
 */
class ExplorePageTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @Test
  void anAnalystStartsFromTheRiskiestAccountSeesItsGraphAndWhyItsScoreIsWhatItIs() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "chromium and chromedriver are not installed (Debian: apt-get install chromium chromium-driver; .ci/run installs them)");
    Path data = Neo4jFixture.freshDirectory();
    String[] args = TestService.arguments(data, "--customer-graph.demo.accounts=12", "--customer-graph.demo.anchor=2026-11-01");
    try (ConfigurableApplicationContext app = SpringApplication.run(CustomerGraphApplication.class, args)) {
      String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
      assertThat(TestService.awaitReady(base).statusCode()).isEqualTo(200);
      ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
          .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900");
      options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
      ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
      ChromeDriver browser = new ChromeDriver(service, options);
      try {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        // On a timeout, say what the page showed (its error line first).
        wait.withMessage(() -> "scripts: " + ((JavascriptExecutor) browser).executeScript("return typeof cytoscape + ' ' + typeof window.cy + ' ' + location.href")
            + " " + ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[0]; fetch('/explore/explore.js').then(r => r.text().then(t => done(r.status + ' ' + r.headers.get('content-type') + ' ' + t.slice(0, 80))))")
            + "; console: " + browser.manage().logs().get("browser").getAll()
            + "; the page showed: error «" + browser.findElement(By.id("error")).getText() + "»; "
            + browser.findElement(By.tagName("body")).getText().replace('\n', ' '));
        JavascriptExecutor js = browser;
        browser.get(base + "/explore");
        browser.findElement(By.id("key")).sendKeys(TestService.ADMIN);
        browser.findElement(By.id("connect")).click();

        // Counts for the header, the riskiest accounts to start from.
        wait.until(d -> d.findElement(By.id("stats")).getText().contains("quarantined"));
        // Issue #17: the counts `stats` gives, in the page too.
        browser.findElement(By.cssSelector("#counts-box summary")).click();
        String counts = browser.findElement(By.id("counts")).getText();
        assertThat(counts).contains("Nodes", "Contact", "Interactions", "EMAIL", "Language tags", "Open reviews", "Scored", "Last import");
        wait.until(d -> !d.findElements(By.cssSelector("#top li[data-id]")).isEmpty());
        WebElement riskiest = browser.findElements(By.cssSelector("#top li[data-id]")).getFirst();
        String accountId = riskiest.getDomAttribute("data-id");
        assertThat(accountId).startsWith("acc_");
        riskiest.click();

        // The neighbourhood drawn, the account at its centre; the score panel with the reasons.
        wait.until(d -> ((Number) js.executeScript("return window.cy.nodes().length")).intValue() > 3);
        assertThat(js.executeScript("return window.cy.getElementById(arguments[0]).hasClass('centre')", accountId)).isEqualTo(true);
        assertThat(((Number) js.executeScript("return window.cy.edges().length")).intValue()).isPositive();
        wait.until(d -> !d.findElements(By.cssSelector("#score .factors li")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#score .band")).getText()).matches("[A-D] 0\\.\\d\\d");
        List<WebElement> reasons = browser.findElements(By.cssSelector("#score .factors li"));
        assertThat(reasons.getFirst().getText()).isNotBlank();

        // A reason's evidence lights up on the graph (the first reason that has any).
        boolean lit = false;
        for (WebElement reason : reasons) {
          reason.click();
          if (((Number) js.executeScript("return window.cy.elements('.evidence').length")).intValue() > 0) {
            lit = true;
            break;
          }
        }
        assertThat(lit).as("some reason of the riskiest account has evidence in its neighbourhood").isTrue();

        // Double-click expands a neighbour: the graph grows.
        int before = ((Number) js.executeScript("return window.cy.nodes().length")).intValue();
        js.executeScript("""
            const far = window.cy.nodes().filter(n => !n.hasClass('centre') && n.data('label') === 'Contact').first();
            (far.length ? far : window.cy.nodes().not('.centre').first()).emit('dbltap');""");
        wait.until(d -> ((Number) js.executeScript("return window.cy.nodes().length")).intValue() >= before);

        // Search finds people and companies by name.
        String contactName = (String) js.executeScript("return window.cy.nodes().filter(n => n.data('label') === 'Contact').first().data('caption')");
        browser.findElement(By.id("search")).sendKeys(contactName);
        browser.findElement(By.cssSelector("#search-form button")).click();
        wait.until(d -> d.findElements(By.cssSelector("#results li")).stream().anyMatch(li -> li.getText().contains(contactName)));
        assertThat(browser.findElement(By.id("error")).getText()).as("no error shown").isEmpty();
      } finally {
        browser.quit();
      }
    }
  }
}
