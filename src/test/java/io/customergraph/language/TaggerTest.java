package io.customergraph.language;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.language.Tagger.Kind;
import io.customergraph.language.Tagger.Signal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaggerTest {

  private final Tagger tagger = Tagger.standard(Map.of("Salesforce", List.of("SFDC"), "HubSpot", List.of()), Set.of("Graph Pro"));

  private List<Kind> kinds(String text) {
    return tagger.tag(text).stream().map(Signal::kind).distinct().toList();
  }

  @Test
  void spansPointAtTheWordsThatJustifyTheTag() {
    String text = "Thanks Dana. Unfortunately our budget has been frozen until the next fiscal year.";
    Signal s = tagger.tag(text).stream().filter(x -> x.kind() == Kind.BUDGET).findFirst().orElseThrow();
    assertThat(text.substring(s.start(), s.end())).isEqualTo("budget has been frozen");
    assertThat(s.version()).isEqualTo(Tagger.VERSION);
    assertThat(s.confidence()).isGreaterThan(0.8);
  }

  @Test
  void eachKindIsFoundInItsTypicalPhrase() {
    assertThat(kinds("Could you send us pricing for 40 seats?")).contains(Kind.PRICING);
    assertThat(kinds("Are you free for a call on Thursday?")).contains(Kind.MEETING);
    assertThat(kinds("We will not renew the contract next year.")).contains(Kind.CHURN);
    assertThat(kinds("Please unsubscribe me from this list.")).contains(Kind.COMPLAINT);
    assertThat(kinds("This is the third time the export failed. Honestly, we are very frustrated.")).contains(Kind.FRUSTRATION);
    assertThat(kinds("We are also evaluating Salesfroce.")).containsExactly(Kind.COMPETITOR);
  }

  @Test
  void negationFlipsAndHardNegativesStayUntagged() {
    assertThat(kinds("There is no budget freeze on our side, go ahead.")).doesNotContain(Kind.BUDGET);
    assertThat(kinds("We are not frustrated at all, thanks for the quick fix!")).doesNotContain(Kind.FRUSTRATION);
    assertThat(kinds("The budget review meeting went well.")).doesNotContain(Kind.BUDGET);
    assertThat(kinds("Our sales forecast for Graph Pro looks strong.")).isEmpty();
    assertThat(kinds("I read the price of gas went up again.")).doesNotContain(Kind.PRICING);
  }

  @Test
  void aMarketsPriceIsNotPricingInterestButAQuestionAboutOursIs() {
    // Real Enron lines and their kind: share price talk and traders' market prices are not a customer asking what we charge.
    assertThat(kinds("Our share price fell again.")).doesNotContain(Kind.PRICING);
    assertThat(kinds("How much is the share price today?")).doesNotContain(Kind.PRICING);
    assertThat(kinds("Request for Gas Price")).doesNotContain(Kind.PRICING);
    assertThat(kinds("He wants a forward price for Q3.")).doesNotContain(Kind.PRICING);
    assertThat(kinds("How much does the enterprise plan cost?")).contains(Kind.PRICING);
    assertThat(kinds("Can you send us pricing for the stock options module?")).contains(Kind.PRICING);
    assertThat(kinds("Could you share your price list and the gas price surcharge?")).as("one price word is ours").contains(Kind.PRICING);
  }

  @Test
  void frustrationIsAComplaintDirectedAtUsNotANegativeTopic() {
    // Sentences of the shape the allen-p mailbox is full of: markets, news and people elsewhere having a bad time.
    assertThat(kinds("The western markets had terrible problems and prices collapsed.")).doesNotContain(Kind.FRUSTRATION);
    assertThat(kinds("Analysts fear the worst for the company after the awful quarter.")).doesNotContain(Kind.FRUSTRATION);
    assertThat(kinds("We keep having terrible problems with your export.")).contains(Kind.FRUSTRATION);
    assertThat(kinds("This is completely broken.")).contains(Kind.FRUSTRATION);
    assertThat(kinds("The support has been awful all week.")).contains(Kind.FRUSTRATION);
  }

  @Test
  void aNegatedComplaintIsNotFrustration() {
    for (String text : List.of("We would not have a problem with that.", "That is not a problem for us.", "No problem at all, thanks.",
        "We don't have any issues with the new release.", "I'm not frustrated, just curious.")) {
      assertThat(kinds(text)).as(text).doesNotContain(Kind.FRUSTRATION, Kind.COMPLAINT);
    }
    assertThat(kinds("We have a problem with the export again and we are frustrated.")).contains(Kind.FRUSTRATION);
  }

  @Test
  void leavingForACompetitorIsChurnWithTheVerbAndTheNameAsItsSpan() {
    String text = "Heads up: we are moving to Hubspot in January.";
    Signal churn = tagger.tag(text).stream().filter(x -> x.kind() == Kind.CHURN).findFirst().orElseThrow();
    assertThat(text.substring(churn.start(), churn.end())).isEqualTo("moving to Hubspot");
    assertThat(churn.detail()).isEqualTo("leaving for HubSpot");
    assertThat(kinds("We are not moving to HubSpot, relax.")).doesNotContain(Kind.CHURN);
    assertThat(kinds("The team is moving to a new office.")).doesNotContain(Kind.CHURN);
  }

  @Test
  void aNewsletterFooterIsNotAnUnsubscribeRequestAndATitleIsNotAMeeting() {
    assertThat(kinds("To unsubscribe from future mailings, click here.")).doesNotContain(Kind.COMPLAINT);
    assertThat(kinds("You may also unsubscribe on the account update page.")).doesNotContain(Kind.COMPLAINT);
    assertThat(kinds("Unsubscribe")).contains(Kind.COMPLAINT);
    assertThat(kinds("Book Review: The Smartest Guys in the Room")).doesNotContain(Kind.MEETING);
    assertThat(kinds("Can we book a call for Tuesday?")).contains(Kind.MEETING);
  }

  /**
   * Real mail (sentences of the allen-p mailbox, issue #21's dev split): a hypothesis, an apology or the author's own
   * trouble is no complaint; a negative sentence about the reader is.
   */
  @Test
  void frustrationIsNotAHypothesisAnApologyNorTheAuthorsOwnTrouble() {
    assertThat(kinds("If the negotiations stall, it seems like I need to go ahead and cut off the utilities.")).doesNotContain(Kind.FRUSTRATION);
    assertThat(kinds("If you have trouble downloading the attached file it is also located at the address below.")).doesNotContain(Kind.FRUSTRATION);
    assertThat(kinds("We understand your continued frustration and express our sincerest apologies.")).doesNotContain(Kind.FRUSTRATION);
    assertThat(kinds("Due to some problems with my email yesterday, I may not have received your RSVP.")).doesNotContain(Kind.FRUSTRATION);
    assertThat(kinds("Nothing you promised has worked.")).contains(Kind.FRUSTRATION);
    // Exasperation at the reader's work, a phrase split by a wrapped line included.
    assertThat(kinds("Your response does not address the key points upon which I based my interpretation of the plan.")).contains(Kind.FRUSTRATION);
    assertThat(kinds("I read these points and they definitely need some touch up. I don't\nunderstand why we need to give our commentary.")).contains(Kind.FRUSTRATION);
    assertThat(kinds("We are really frustrated with the constant outages.")).contains(Kind.FRUSTRATION);
  }

  /** A price asked about by someone, not a newsletter's offer, a compound adjective or a market that moves. */
  @Test
  void pricingIsSomeoneAskingNotAnOfferACompoundOrAMarketMoving() {
    assertThat(kinds("Start the New Year off with the car of your dreams. Get a quote on the new 2001 models.")).doesNotContain(Kind.PRICING);
    assertThat(kinds("Passes are issued to employees who want to travel in a higher-cost zone.")).doesNotContain(Kind.PRICING);
    assertThat(kinds("I don't understand why we need to give our commentary on why prices are so high in California.")).doesNotContain(Kind.PRICING);
    assertThat(kinds("Let me know when you get the quotes from Pauline.")).contains(Kind.PRICING);
    assertThat(kinds("Could you send us pricing for 40 seats?")).contains(Kind.PRICING);
  }

  /** A meeting with a day or a time involving the reader, a recurring one, or a time proposed. */
  @Test
  void aMeetingHasADayOrATimeAndInvolvesTheReader() {
    assertThat(kinds("I will call you Monday or Tuesday to see what is new.")).contains(Kind.MEETING);
    assertThat(kinds("We will meet with you next Tuesday at 10:00 to review the problems.")).contains(Kind.MEETING);
    assertThat(kinds("I will get a room for our Wednesday 10:00 meeting.")).contains(Kind.MEETING);
    assertThat(kinds("How about 3:30")).contains(Kind.MEETING);
    assertThat(kinds("We will begin an informal fundies meeting each day.")).contains(Kind.MEETING);
    assertThat(kinds("I have a meeting tomorrow morning with the Oregon PUC staff.")).doesNotContain(Kind.MEETING);
    assertThat(kinds("Metro passes will be available to employees on the third floor.")).doesNotContain(Kind.MEETING);
  }

  /**
   * Rules and sentiment phrases skip texts without any of their anchor words; that must never lose a match. Every
   * match of every rule and phrase on real text (the labelled set, Yelp reviews, the Enron mailbox, both transcripts)
   * contains one of its anchors after case folding — and each matches somewhere in that text, so none is checked
   * vacuously.
   */
  @Test
  void everyRuleMatchContainsOneOfItsAnchors() throws java.io.IOException {
    List<String> texts = new java.util.ArrayList<>();
    try (var in = new org.springframework.core.io.ClassPathResource("language/tag-examples.tsv").getInputStream()) {
      texts.addAll(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList());
    }
    texts.addAll(java.nio.file.Files.readAllLines(io.customergraph.TestData.path("language/yelp_labelled.txt")));
    for (String dir : List.of("email/maildir/allen-p", "transcripts")) {
      try (var files = java.nio.file.Files.walk(io.customergraph.TestData.path(dir))) {
        for (java.nio.file.Path f : files.filter(java.nio.file.Files::isRegularFile).sorted().toList()) {
          texts.add(new String(java.nio.file.Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
      }
    }
    texts.add("Three weeks on we are still waiting for the fix."); // no real text here says it
    texts.add("Can we \u017Fchedule a call? I want to \u017Fwitch to them."); // long s: matched case-insensitively as "s"
    List<Anchored> patterns = new java.util.ArrayList<>(Tagger.RULES);
    patterns.addAll(Sentiment.standard().idioms()); // the sentiment scorer's customer phrases skip texts the same way
    for (Anchored pattern : patterns) {
      int matches = 0;
      for (String text : texts) {
        java.util.regex.Matcher m = pattern.pattern().matcher(text);
        while (m.find()) {
          matches++;
          String folded = Tagger.fold(m.group());
          assertThat(pattern.anchors()).as("%s on \"%s\"", pattern.pattern(), m.group()).anyMatch(folded::contains);
        }
      }
      assertThat(matches).as("matches of %s", pattern.pattern()).isPositive();
    }
  }
}
