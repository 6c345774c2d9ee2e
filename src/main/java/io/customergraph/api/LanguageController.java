package io.customergraph.api;

import io.customergraph.language.WordVectorService;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Word vectors for analysts: nearest words, similarity, the loaded version, retraining. */
@Controller
class LanguageController {

  private final WordVectorService vectors;

  LanguageController(WordVectorService vectors) {
    this.vectors = vectors;
  }

  record SimilarWord(String word, double similarity) {}

  @QueryMapping
  List<SimilarWord> similarWords(@Argument String word, @Argument @Nullable Integer n) {
    int count = n == null ? 10 : n;
    if (count < 1 || count > 100) {
      throw new BadRequest("n must be between 1 and 100, got " + count);
    }
    return vectors.similarWords(word, count).stream().map(e -> new SimilarWord(e.getKey(), e.getValue())).toList();
  }

  @QueryMapping
  @Nullable Double similarity(@Argument String a, @Argument String b) {
    return vectors.similarity(a, b).orElse(null);
  }

  @QueryMapping
  WordVectorService.@Nullable Info wordVectors() {
    return vectors.info().orElse(null);
  }

  @MutationMapping
  WordVectorService.@Nullable Info retrainWordVectors() {
    return vectors.train().orElse(null);
  }
}
