package io.customergraph;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.language.WordVectorsChanged;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Readiness means ready: a service whose word vectors are still being trained (and handed to the candidate index)
 * answers 503 OUT_OF_SERVICE on {@code /actuator/health/readiness}, naming the step, and UP only once it is done —
 * and once the change feed has read what other processes wrote meanwhile.
 */
class ReadinessTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void readinessStaysOutOfServiceUntilWordVectorsAndTheIndexAreDone() throws Exception {
    // Holds the word-vector step at the moment the new vectors are handed to the candidate index, until released.
    CountDownLatch reached = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ApplicationListener<PayloadApplicationEvent<?>> gate = event -> {
      if (event.getPayload() instanceof WordVectorsChanged) {
        reached.countDown();
        try {
          release.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    Path data = Neo4jFixture.freshDirectory();
    String[] args = TestService.arguments(data, "--customer-graph.demo.accounts=12", "--customer-graph.demo.anchor=2026-11-01",
        "--customer-graph.language.train-on-start=true",
        // The feed's schedule is a day away: only the catch-up that readiness waits for can read what is written below.
        "--customer-graph.graph.feed-interval=PT24H");
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CustomerGraphApplication.class).listeners(gate).run(args)) {
      String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
      assertThat(reached.await(3, TimeUnit.MINUTES)).as("word vectors were trained").isTrue();

      HttpResponse<String> waiting = get(base + "/actuator/health/readiness");
      assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(503);
      JsonNode steps = JSON.readTree(waiting.body()).path("components").path("startup");
      assertThat(steps.path("status").asString()).isEqualTo("OUT_OF_SERVICE");
      assertThat(steps.path("details").path("wordVectors").path("state").asString()).isEqualTo("RUNNING");
      assertThat(steps.path("details").path("entityIndex").path("state").asString()).isEqualTo("DONE");
      assertThat(steps.path("details").path("migrations").path("state").asString()).isEqualTo("DONE");
      // Issue #23: readiness also waits for the change feed to read what other processes wrote meanwhile — here a
      // contact written with plain Cypher after the candidate index was built, as another instance or the CLI would.
      assertThat(steps.path("details").path("changeFeed").path("state").asString()).isEqualTo("PENDING");
      app.getBean(org.springframework.data.neo4j.core.Neo4jClient.class)
          .query("CREATE (:Contact {id: 'con_elsewhere', name: 'Zebedee Quillfeather', email: 'zq@elsewhere.invalid', createdAt: datetime()})").run();
      // Liveness is another question: the process is alive and answering while it gets ready.
      assertThat(get(base + "/actuator/health/liveness").statusCode()).isEqualTo(200);

      release.countDown();
      HttpResponse<String> ready = TestService.awaitReady(base);
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      JsonNode done = JSON.readTree(ready.body()).path("components").path("startup").path("details");
      assertThat(done.path("wordVectors").path("state").asString()).isEqualTo("DONE");
      assertThat(done.path("wordVectors").path("detail").asString()).isEqualTo("trained version 1");
      assertThat(done.path("tags").path("state").asString()).isEqualTo("DONE");
      assertThat(done.path("changeFeed").path("state").asString()).isEqualTo("DONE");
      HttpResponse<String> found = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/graphql")).header("Content-Type", "application/json")
          .header("Authorization", TestService.BEARER)
          .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ search(text: \\\"Zebedee Quillfeather\\\", types: [CONTACT]) { node { id } } }\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(found.body()).as("the contact written elsewhere is searchable once ready").contains("con_elsewhere");
    } finally {
      release.countDown();
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
