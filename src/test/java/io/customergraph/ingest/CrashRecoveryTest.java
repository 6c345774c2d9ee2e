package io.customergraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customergraph.GraphSupport;
import io.customergraph.TestData;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An import that dies half-way and is run again leaves exactly the graph an uninterrupted import leaves. */
class CrashRecoveryTest extends GraphSupport {

  /** Set from the clock, so they differ between any two runs; everything else must be identical. */
  private static final Set<String> VOLATILE = Set.of("createdAt", "updatedAt", "ingestedAt", "since", "decidedAt", "survivorUpdatedAt");

  @Autowired IngestWriter writer;

  @Test
  void importKilledMidwayAndRunAgainGivesTheGraphOfAnUninterruptedRun() {
    // Small batches, so the crash falls in the middle of the import with whole batches before it.
    Importer importer = new Importer(writer, new IngestProperties(40, "US", List.of(), org.springframework.util.unit.DataSize.ofGigabytes(10), 1_000_000, List.of()));
    List<java.nio.file.Path> mail = List.of(TestData.path("email/maildir/allen-p"));

    importer.importFiles(IngestKind.EMAIL, mail, Map.of(), p -> {});
    List<String> uninterrupted = snapshot();

    emptyGraph();
    queries.failAt(45); // a statement inside the fifth batch's transaction
    assertThatThrownBy(() -> importer.importFiles(IngestKind.EMAIL, mail, Map.of(), p -> {})).hasMessageContaining("simulated crash");
    long sourcesAfterCrash = count("MATCH (s:SourceRecord) RETURN count(s)");
    assertThat(sourcesAfterCrash).as("whole batches only").isPositive().isLessThan(309).matches(n -> n % 40 == 0, "a multiple of the batch size");

    Importer.Summary rerun = importer.importFiles(IngestKind.EMAIL, mail, Map.of(), p -> {});
    assertThat(rerun.outcome().unchanged()).as("committed batches are recognised").isEqualTo(sourcesAfterCrash);
    assertThat(snapshot()).isEqualTo(uninterrupted);
  }

  /** Every node and relationship, with properties except the clock-set ones, in a canonical order. */
  private List<String> snapshot() {
    List<String> nodes =
        neo4j.query("MATCH (n) WHERE NOT n:__Migration AND NOT n:AuditEvent RETURN labels(n) AS labels, properties(n) AS props")
            .fetch().all().stream().map(r -> r.get("labels") + " " + canonical(r.get("props"))).sorted().toList();
    List<String> rels =
        neo4j.query(
                """
                MATCH (a)-[r]->(b) WHERE NOT a:__Migration
                RETURN coalesce(a.id, a.key) AS start, type(r) AS type, coalesce(b.id, b.key) AS end, properties(r) AS props""")
            .fetch().all().stream().map(r -> r.get("start") + " -" + r.get("type") + "-> " + r.get("end") + " " + canonical(r.get("props"))).sorted().toList();
    assertThat(nodes).hasSizeGreaterThan(300);
    return java.util.stream.Stream.concat(nodes.stream(), rels.stream()).toList();
  }

  @SuppressWarnings("unchecked")
  private static String canonical(Object props) {
    Map<String, Object> sorted = new TreeMap<>((Map<String, Object>) props);
    VOLATILE.forEach(sorted::remove);
    return sorted.toString();
  }
}
