package io.customergraph.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentimentTest {

  private final Sentiment sentiment = Sentiment.standard();

  @Test
  void negationFlipsTheWordItGoverns() {
    assertThat(sentiment.score("We are happy with the rollout.").negative()).isFalse();
    assertThat(sentiment.score("We are not happy with the rollout.").negative()).isTrue();
    assertThat(sentiment.score("The support wasn't bad at all.").negative()).isFalse();
  }

  @Test
  void evidenceSpansPointAtTheWordsThatCounted() {
    String text = "Honestly, we are very frustrated with the export.";
    Sentiment.Score s = sentiment.score(text);
    assertThat(s.negative()).isTrue();
    assertThat(s.evidence()).anySatisfy(e -> {
      assertThat(text.substring(e.start(), e.end())).isEqualTo("frustrated");
      assertThat(e.valence()).isLessThan(-2.4); // the lexicon's -2.4, raised by "very"
    });
  }

  @Test
  void contrastWeighsWhatComesAfterBut() {
    assertThat(sentiment.score("The demo was great, but the pricing is awful and we are disappointed.").negative()).isTrue();
    assertThat(sentiment.score("The pricing is awful, but the team is great and we love the product.").negative()).isFalse();
  }

  @Test
  void neutralBusinessTextIsNotNegative() {
    assertThat(sentiment.score("Could you send the invoice for March to our finance team?").negative()).isFalse();
  }
}
