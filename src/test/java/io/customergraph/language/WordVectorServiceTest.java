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
}
