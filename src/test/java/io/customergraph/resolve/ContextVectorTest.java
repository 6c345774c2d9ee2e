package io.customergraph.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import io.customergraph.TestData;
import io.customergraph.ingest.Importer;
import io.customergraph.ingest.IngestKind;
import io.customergraph.language.WordVectorService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** People's context vectors (what they wrote) as nearest-neighbour candidates, refreshed when word vectors change. */
class ContextVectorTest extends GraphSupport {

  @Autowired Importer importer;
  @Autowired WordVectorService vectors;
  @Autowired EntityIndex entities;

  @Test
  void peopleWhoWriteAlikeBecomeCandidatesThoughTheirNamesShareNothingOnceVectorsAreTrained() {
    importer.importFiles(IngestKind.EMAIL, List.of(TestData.path("email/maildir/allen-p")), Map.of(), p -> {});
    cypher("""
        UNWIND [['con_zq', 'Zed Quorn', 'zed@quorn.example'], ['con_ab', 'Ax Bly', 'ax@bly.example']] AS p
        CREATE (c:Contact {id: p[0], name: p[1], email: p[2], emails: [p[2]], createdAt: datetime('2025-01-01T00:00:00Z')})
        WITH c
        UNWIND range(1, 3) AS i
        CREATE (c)-[:SENT]->(:Email {id: c.id + '_eml' + i, subject: 'Gas storage', occurredAt: datetime('2025-02-0' + i + 'T09:00:00Z'),
                                    body: 'The forward curve for natural gas in the west looks weak and the basis widened again this week.'})""");
    entities.rebuild();
    CandidateIndex index = entities.index(EntityKind.CONTACT);
    assertThat(entities.entry("con_zq").orElseThrow().vector()).as("no vectors trained yet").isNull();
    assertThat(index.candidates(entities.entry("con_zq").orElseThrow(), 10)).extracting(Entry::id).doesNotContain("con_ab");

    vectors.train(); // publishes WordVectorsChanged: the index is refreshed with context vectors

    Entry zed = entities.entry("con_zq").orElseThrow();
    assertThat(zed.vector()).isNotNull();
    assertThat(index.candidates(zed, 10)).extracting(Entry::id).as("nearest by what they wrote").contains("con_ab");
    assertThat(Comparison.context().level(zed, entities.entry("con_ab").orElseThrow())).as("same words, cosine 1").isZero();
  }
}
