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

  @Test
  void phrasesCountAsOneWithTheirSpanAndVaderAloneMissesThem() {
    String text = "Support was fine, I guess. We won't be back.";
    Sentiment.Score s = sentiment.score(text);
    assertThat(s.negative()).isTrue();
    assertThat(s.evidence()).anySatisfy(e -> assertThat(text.substring(e.start(), e.end())).isEqualTo("won't be back"));
    assertThat(Sentiment.vader().score("We won't be back.").compound()).isZero();
    // "not worth" is one phrase: "worth" is not also scored (negated) on its own.
    assertThat(sentiment.score("Not worth the money.").evidence()).extracting(Sentiment.Evidence::word).containsExactly("Not worth");
    assertThat(sentiment.score("The onboarding was mediocre at best.").negative()).isTrue();
    assertThat(sentiment.score("We can't wait to come back next quarter.").negative()).isFalse();
  }

  @Test
  void customerWordsVaderLacksAreRated() {
    assertThat(Sentiment.vader().score("The new dashboard is clunky and overpriced.").compound()).isZero();
    assertThat(sentiment.score("The new dashboard is clunky and overpriced.").negative()).isTrue();
    assertThat(sentiment.score("Their team was knowledgeable and the setup seamless.").compound()).isGreaterThan(0.3);
  }

  @Test
  void likeComparingAndPrettyIntensifyingCarryNoPraiseOfTheirOwn() {
    assertThat(Sentiment.vader().score("The report was pretty gross.").negative()).isFalse(); // VADER: pretty +2.2
    assertThat(sentiment.score("The report was pretty gross.").negative()).isTrue();
    assertThat(sentiment.score("The report reads like a ransom note, bad.").evidence()).extracting(Sentiment.Evidence::word).doesNotContain("like");
    assertThat(sentiment.score("I like the new report.").evidence()).extracting(Sentiment.Evidence::word).contains("like");
  }

  @Test
  void wordsNamingThingsInCustomerTextAndSignOffsAreNotPraise() {
    // VADER rates "support" +1.7, "best" +3.2: a complaint to the support team signed "Best regards" read as positive.
    String text = "The support team has been useless. Best regards, Dana";
    assertThat(Sentiment.vader().score(text).negative()).isFalse();
    assertThat(sentiment.score(text).negative()).isTrue();
    assertThat(sentiment.score(text).evidence()).extracting(Sentiment.Evidence::word).containsExactly("useless");
  }

  @Test
  void negationDoesNotReachPastHowOrThat() {
    assertThat(sentiment.score("We could not believe how dirty the data was.").negative()).isTrue();
    assertThat(Sentiment.vader().score("We could not believe how dirty the data was.").negative()).isFalse();
  }
}
