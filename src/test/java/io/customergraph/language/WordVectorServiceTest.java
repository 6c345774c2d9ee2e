package io.customergraph.language;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import io.customergraph.TestData;
import io.customergraph.ingest.Importer;
import io.customergraph.ingest.IngestKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Word vectors trained on the Enron mailbox: reproducible, free of personal data, versioned, reloadable. */
class WordVectorServiceTest extends GraphSupport {

  @Autowired Importer importer;
  @Autowired WordVectorService vectors;
  @Autowired WordVectorLifecycle lifecycle;
  @Autowired Signals signals;
  @Autowired io.customergraph.graph.Leases leases;
  @Autowired io.customergraph.graph.GraphProperties graph;

  @Test
  void sameSeedGivesTheSameVectorsAndPersonalDataNeverBecomesVocabulary() {
    importer.importFiles(IngestKind.EMAIL, List.of(TestData.path("email/maildir/allen-p")), Map.of(), p -> {});
    WordVectorService.Info first = vectors.train().orElseThrow();
    assertThat(first.vocabulary()).isGreaterThan(200);
    double[] gasFirst = vectors.vector("gas").orElseThrow();
    List<Map.Entry<String, Double>> nearFirst = vectors.similarWords("gas", 5);

    WordVectorService.Info second = vectors.train().orElseThrow();
    assertThat(second.version()).isEqualTo(first.version() + 1);
    assertThat(vectors.vector("gas").orElseThrow()).as("same corpus and seed, same vectors").containsExactly(gasFirst);
    assertThat(vectors.similarWords("gas", 5)).isEqualTo(nearFirst);

    assertThat(vectors.vocabulary())
        .as("no address, number or link in the vocabulary")
        .noneMatch(w -> w.matches(".+@.*|.*@.+") || w.matches(".*\\d.*") || w.startsWith("http") || w.equals("pallen") || w.contains("enron.com"))
        .contains(Placeholders.NUMBER);
    assertThat(count("MATCH (m:Model {kind: 'WORD2VEC'}) RETURN count(m)")).isEqualTo(2);
  }

  @Test
  void newestVersionIsLoadedAgainAndAnsweredOverGraphQl() {
    importer.importFiles(IngestKind.EMAIL, List.of(TestData.path("email/maildir/allen-p")), Map.of(), p -> {});
    WordVectorService.Info trained = vectors.train().orElseThrow();
    assertThat(vectors.load()).hasValueSatisfying(i -> assertThat(i.version()).isEqualTo(trained.version()));
    graphQl.document("{ wordVectors { version vocabulary source } similarWords(word: \"Gas\", n: 3) { word similarity } s: similarity(a: \"gas\", b: \"power\") unknown: similarity(a: \"gas\", b: \"zzzqqq\") }")
        .execute()
        .path("wordVectors.version").entity(Integer.class).isEqualTo(trained.version())
        .path("wordVectors.source").entity(String.class).isEqualTo("trained")
        .path("similarWords").entityList(Object.class).hasSize(3)
        .path("s").entity(Double.class).satisfies(s -> assertThat(s).isBetween(-1.0, 1.0))
        .path("unknown").valueIsNull();
  }

  /**
   * The nightly retraining fired while a service was starting (CI ran ReadinessTest at 03:30 UTC, the cron's time): it
   * trained before the start-up step did, with the step still PENDING. The start-up step loads or trains; the schedule
   * waits until start-up has finished.
   */
  @Test
  void theNightlyRetrainingWaitsUntilStartUpHasFinished() throws Exception {
    importer.importFiles(IngestKind.EMAIL, List.of(TestData.path("email/maildir/allen-p")), Map.of(), p -> {});
    int before = vectors.storedVersion();
    io.customergraph.graph.Startup starting = new io.customergraph.graph.Startup();
    WordVectorLifecycle another = new WordVectorLifecycle(vectors, signals, false, starting, leases);
    another.retrain();
    another.executor.shutdown();
    assertThat(another.executor.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
    assertThat(vectors.storedVersion()).as("nothing trained while start-up is pending").isEqualTo(before);
  }

  /**
   * Issue #23: vectors were files of the instance that trained them; another instance on the same database trained
   * its own. Now the version's bytes are in the graph: an instance without the file copies them, one that sees a newer
   * version loads it, and training takes a lease so one instance trains.
   */
  @Test
  void aVersionIsSharedThroughTheGraphAndTrainedByOneInstance() throws Exception {
    importer.importFiles(IngestKind.EMAIL, List.of(TestData.path("email/maildir/allen-p/inbox")), Map.of(), p -> {});
    WordVectorService.Info first = vectors.train().orElseThrow();
    double[] gas = vectors.vector("gas").orElseThrow();

    // Another machine: no file there. The version is copied from the graph, the same vectors.
    java.nio.file.Path dir = graph.dataDirectory().resolve("vectors");
    try (var files = java.nio.file.Files.list(dir)) {
      for (java.nio.file.Path f : files.toList()) {
        java.nio.file.Files.delete(f);
      }
    }
    assertThat(vectors.load()).hasValueSatisfying(i -> assertThat(i.version()).isEqualTo(first.version()));
    assertThat(vectors.vector("gas").orElseThrow()).containsExactly(gas);
    assertThat(dir.resolve("word2vec-v" + first.version() + ".zip")).exists();

    // A newer version stored by another instance (here: the same bytes under the next version) is loaded on the next look.
    cypher("""
        MATCH (m:Model {kind: 'WORD2VEC', version: $v})-[:PART]->(p:ModelPart)
        WITH m, collect(p) AS parts
        CREATE (n:Model {id: 'mdl_elsewhere', kind: 'WORD2VEC', version: $v + 1, file: 'word2vec-v' + ($v + 1) + '.zip', trainedAt: datetime(),
                         sentences: m.sentences, sha256: m.sha256})
        WITH n, parts UNWIND parts AS p CREATE (n)-[:PART]->(:ModelPart {index: p.index, bytes: p.bytes})""".replace("$v", Integer.toString(first.version())));
    lifecycle.loadNewerVersion();
    long until = System.nanoTime() + 30_000_000_000L;
    while (vectors.info().orElseThrow().version() == first.version() && System.nanoTime() < until) {
      Thread.sleep(100);
    }
    assertThat(vectors.info().orElseThrow().version()).isEqualTo(first.version() + 1);
    assertThat(vectors.vector("gas").orElseThrow()).containsExactly(gas);
    assertThat(dir.resolve("word2vec-v" + first.version() + ".zip")).as("an older version's file goes").doesNotExist();

    // Training while another instance holds the lease: this one does not train.
    cypher("MERGE (l:Lease {name: 'word-vectors-training'}) SET l.holder = 'another-instance', l.until = datetime() + duration('PT1H')");
    assertThat(lifecycle.trainOnce().elsewhere()).isTrue();
    assertThat(count("MATCH (m:Model {kind: 'WORD2VEC'}) RETURN count(m)")).isEqualTo(2);
    // Once it is free, this one trains, and only the newest version keeps its bytes.
    cypher("MATCH (l:Lease {name: 'word-vectors-training'}) SET l.until = datetime() - duration('PT1S')");
    assertThat(lifecycle.trainOnce().trained()).hasValueSatisfying(i -> assertThat(i.version()).isEqualTo(first.version() + 2));
    assertThat(count("MATCH (m:Model {kind: 'WORD2VEC'})-[:PART]->() WHERE m.version < " + (first.version() + 2) + " RETURN count(*)")).isZero();
    assertThat(count("MATCH (l:Lease {name: 'word-vectors-training'}) WHERE l.until > datetime() RETURN count(l)")).as("given back when done").isZero();
    // The nightly retraining keeps its lease until it expires: an instance whose clock is behind finds it held.
    assertThat(lifecycle.trainOnce(false).trained()).isPresent();
    assertThat(count("MATCH (l:Lease {name: 'word-vectors-training'}) WHERE l.until > datetime() + duration('PT1H') RETURN count(l)")).isEqualTo(1);
    cypher("MATCH (l:Lease {name: 'word-vectors-training'}) DETACH DELETE l");
  }
}
