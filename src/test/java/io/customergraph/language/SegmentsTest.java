package io.customergraph.language;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.TestData;
import io.customergraph.ingest.ReplyText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Whose words: real Enron mail from the allen-p mailbox (newsletters, list mail, a note of Phillip's own) cut the way a
 * person reading them would cut them — expected segments written by hand from reading each message — and the tags
 * that follow: nothing in a pasted news story, a list footer or a disclaimer is the author's intent.
 */
class SegmentsTest {

  private final Tagger tagger = Tagger.standard(Map.of(), Set.of());

  /** The new text of a 7-bit maildir message, as ingestion keeps it (quoted history and signature cut off). */
  private static String newText(String file) throws Exception {
    String raw = Files.readString(TestData.path("email/maildir/allen-p/" + file), StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
    return ReplyText.split(raw.substring(raw.indexOf("\n\n") + 2)).newText();
  }

  private static List<Segments.Kind> kinds(String text, boolean listMail) {
    return Segments.of(text, listMail).stream().map(Segments.Segment::kind).toList();
  }

  private static String textOf(String text, Segments.Kind kind) {
    return Segments.of(text, false).stream().filter(s -> s.kind() == kind).map(s -> text.substring(s.start(), s.end())).reduce("", String::concat);
  }

  @Test
  void aNewsletterNoticeEndsInAListFooterAndACopyrightLine() throws Exception {
    // inbox/11: Natural Gas Intelligence's automated notice. Read by hand: the notice itself, then "If you would like
    // to stop receiving e-mail notifications …" and everything after it is list mail, the copyright line included.
    String text = newText("inbox/11.");
    assertThat(kinds(text, false)).containsExactly(Segments.Kind.OWN, Segments.Kind.LIST);
    assertThat(textOf(text, Segments.Kind.OWN)).startsWith("Dear phillip,").contains("This e-mail is automated notification").doesNotContain("stop receiving");
    assertThat(textOf(text, Segments.Kind.LIST)).startsWith("If you would like to stop receiving").contains("ALL RIGHTS RESERVED. (c) 2001, Intelligence Press");
  }

  @Test
  void aThirdPartyOfferIsListMailFromWhereItSaysWhyYouReceiveIt() throws Exception {
    // deleted_items/19: an advertisement; "You are receiving this special offer because …" starts its footer.
    String text = newText("deleted_items/19.");
    List<Segments.Segment> segments = Segments.of(text, false);
    assertThat(segments).extracting(Segments.Segment::kind).containsExactly(Segments.Kind.OWN, Segments.Kind.LIST);
    assertThat(text.substring(segments.get(1).start()).strip()).startsWith("You are receiving this special offer");
    assertThat(segments.get(1).end()).isEqualTo(text.length());
  }

  @Test
  void aNoteOfPhillipsOwnIsAllHisOwnWords() throws Exception {
    // sent_items/10: one long paragraph about volumes by tenor, written without "I" or "you", then "Please call with
    // questions." — his own, though the first paragraph alone reads like a report.
    String text = newText("sent_items/10.");
    assertThat(text).startsWith("This file contains graphs illustrating volumes").endsWith("Please call with questions.");
    assertThat(Segments.of(text, false)).containsExactly(new Segments.Segment(Segments.Kind.OWN, 0, text.length()));
  }

  @Test
  void listHeadersMakeTheWholeMessageListMail() throws Exception {
    String text = newText("sent_items/10.");
    assertThat(kinds(text, true)).containsExactly(Segments.Kind.LIST);
    assertThat(Segments.ownWords(text, true)).isBlank().hasSameSizeAs(text);
  }

  private static final String FORWARDED_NEWS = """
      FYI - please read the story below before our call on Thursday.

      HOUSTON (Reuters) - Customers of the utility said they were frustrated and fed up with the third outage this month,
      and several said the service was simply unacceptable after waiting for hours without power on Monday.

      The company said crews were working to restore service and that it would review its maintenance schedule.

      Copyright 2001 Reuters Limited. All rights reserved.

      Let me know what you think.""";

  @Test
  void aPastedNewsStoryIsNewsAndCarriesNoTagsWhileTheAuthorsCommentsStayTheirs() {
    List<Segments.Segment> segments = Segments.of(FORWARDED_NEWS, false);
    assertThat(segments).extracting(Segments.Segment::kind).containsExactly(Segments.Kind.OWN, Segments.Kind.NEWS, Segments.Kind.OWN);
    assertThat(FORWARDED_NEWS.substring(segments.get(1).start(), segments.get(1).end())).startsWith("HOUSTON (Reuters)").contains("All rights reserved.");
    assertThat(FORWARDED_NEWS.substring(segments.get(2).start())).isEqualTo("Let me know what you think.");

    // The story alone would be tagged as frustration; the author's own words are not.
    assertThat(tagger.tag(FORWARDED_NEWS)).extracting(Tagger.Signal::kind).contains(Tagger.Kind.FRUSTRATION);
    String own = Segments.ownWords(FORWARDED_NEWS, false);
    assertThat(own).hasSameSizeAs(FORWARDED_NEWS).contains("FYI - please read the story below").doesNotContain("frustrated");
    assertThat(tagger.tag(own)).extracting(Tagger.Signal::kind).doesNotContain(Tagger.Kind.FRUSTRATION);
  }

  @Test
  void anArticlePastedWithoutAnyMarkIsNewsWhenItRunsOnInTheThirdPerson() {
    String paragraph = "The regulator said on Tuesday that prices in the western market had risen sharply over the winter, and that the "
        + "commission would review the rules that traders blamed for the shortage and the rolling blackouts across the state.";
    String text = "Interesting read.\n\n" + paragraph + "\n\n" + paragraph + "\n\n" + paragraph;
    assertThat(kinds(text, false)).containsExactly(Segments.Kind.OWN, Segments.Kind.NEWS);
    // Two such paragraphs are not enough: a business note may well run that long without "I" or "you".
    assertThat(kinds("Interesting read.\n\n" + paragraph + "\n\n" + paragraph, false)).containsOnly(Segments.Kind.OWN);
  }

  @Test
  void aDisclaimerIsNotTheAuthorsWords() {
    String text = """
        We are really frustrated with the constant outages.

        This e-mail is confidential and may be privileged. If you have received this e-mail in error, please notify the sender.""";
    assertThat(kinds(text, false)).containsExactly(Segments.Kind.OWN, Segments.Kind.DISCLAIMER);
    assertThat(tagger.tag(Segments.ownWords(text, false))).extracting(Tagger.Signal::kind).contains(Tagger.Kind.FRUSTRATION);
  }

  /** A broker's legal notices under a note (allen-p, inbox/5): their "will not be responsible" is nobody's complaint. */
  @Test
  void aBrokersLegalNoticesAreDisclaimers() {
    String text = """
        This is the proposal for the 1mm laddered muni portfolio. Let me know what you think.

        Notice Regarding Entry of Orders and Instructions:
        Please do not transmit orders and/or instructions regarding your account(s) by e-mail.
        Orders and/or instructions transmitted by e-mail will not be accepted and we will not be responsible
        for carrying out such orders and/or instructions.

        Notice Regarding Privacy and Confidentiality:
        We reserve the right to monitor and review the content of all e-mail communications sent and/or received by
        our employees.""";
    assertThat(kinds(text, false)).containsExactly(Segments.Kind.OWN, Segments.Kind.DISCLAIMER);
    assertThat(Segments.of(text, false).get(1).start()).as("the disclaimer starts at the first notice").isEqualTo(text.indexOf("Notice Regarding Entry"));
    assertThat(tagger.tag(Segments.ownWords(text, false))).extracting(Tagger.Signal::kind).doesNotContain(Tagger.Kind.FRUSTRATION);
  }

  @Test
  void anAuthorsOwnShortCommentWithADashIsNotADateline() {
    String text = "FYI - see the numbers for Monday.\n\nThanks";
    assertThat(kinds(text, false)).containsOnly(Segments.Kind.OWN);
    assertThat(Segments.of("", false)).isEmpty();
  }
}
