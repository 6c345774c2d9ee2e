package io.customergraph.language;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Language signals in a text, each with the span that shows it: frustration (negative sentiment, or frustration words,
 * with negation handled by {@link Sentiment}), competitor mentions ({@link CompetitorMatcher}), pricing intent, a budget
 * freeze or cut, a meeting request, churn intent and complaints or unsubscribe requests (phrase rules below).
 *
 * <p>Rules are phrases, not single words, so that the span explains the tag ("our budget has been frozen", not
 * "budget"); each rule carries a confidence reflecting how rarely that phrase means anything else.
 */
public final class Tagger {

  /** The version of the rules and lexicon; stored with every tag so tags can be recomputed after a change. */
  public static final String VERSION = "rules-1";

  /** Kinds of signal. */
  public enum Kind { FRUSTRATION, COMPETITOR, PRICING, BUDGET, MEETING, CHURN, COMPLAINT }

  /** One signal: what, where (character offsets), the words themselves, how sure, and what produced it. */
  public record Signal(Kind kind, int start, int end, String snippet, double confidence, String detail, String version) {}

  /**
   * A phrase rule. {@code anchors} are lower-case words of which every match contains at least one (checked by
   * {@code TaggerTest} on the labelled set and the Enron mailbox): a text containing none of them is not scanned
   * with the regular expression at all, which is most texts for most rules.
   */
  record Rule(Kind kind, Pattern pattern, double confidence, List<String> anchors) {}

  private static Rule rule(Kind kind, double confidence, String anchors, String regex) {
    return new Rule(kind, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), confidence, List.of(anchors.split(",")));
  }

  static final List<Rule> RULES =
      List.of(
          rule(Kind.PRICING, 0.9, "pric,quot,proposal", "\\b(?:send|share|get|need|want|request(?:ing)?)\\b[^.?!\\n]{0,40}\\b(?:pricing|price list|prices|quote|quotation|proposal)\\b"),
          rule(Kind.PRICING, 0.9, "how much", "\\bhow much (?:does|would|will|is|are|do)\\b[^.?!\\n]{0,40}"),
          rule(Kind.PRICING, 0.85, "discount,cost,pric", "\\b(?:volume|annual|multi-year) discount\\b|\\bcost per (?:user|seat|license|licence)\\b|\\bper[- ](?:seat|user) (?:price|pricing|cost)\\b"),
          rule(Kind.PRICING, 0.8, "pricing for", "\\bpricing for\\b[^.?!\\n]{0,40}"),
          rule(Kind.BUDGET, 0.95, "budget", "\\bbudgets? (?:has |have |was |were |is |are )?(?:been )?(?:frozen|freezed|cut|slashed|reduced|on hold|pulled|gone)\\b"),
          rule(Kind.BUDGET, 0.9, "freez", "\\b(?:budget|spending|hiring|purchasing) freeze\\b|\\bfreez(?:e|ing) (?:all |our )?(?:spend|spending|budgets?|purchases)\\b"),
          rule(Kind.BUDGET, 0.85, "cut,budget", "\\bcut(?:ting)? (?:back )?(?:on )?(?:spending|costs|budgets?)\\b|\\bno budget (?:left|for)\\b|\\bcut spending\\b"),
          rule(Kind.MEETING, 0.9, "call,meeting,demo,session,walkthrough", "\\b(?:schedule|set up|book|arrange|organi[sz]e)\\b[^.?!\\n]{0,30}\\b(?:call|meeting|demo|session|walkthrough)\\b"),
          rule(Kind.MEETING, 0.9, "are you,do you have time", "\\bare you (?:free|available)\\b[^.?!\\n]{0,40}|\\bdo you have time\\b[^.?!\\n]{0,40}"),
          rule(Kind.MEETING, 0.85, "let,can we,could we", "\\b(?:let'?s|can we|could we) (?:meet|talk|chat|hop on a call|jump on a call|find (?:a )?time)\\b"),
          rule(Kind.CHURN, 0.95, "cancel,terminate,end", "\\b(?:cancel|terminate|end)\\b[^.?!\\n]{0,20}\\b(?:subscription|contract|account|service|licen[cs]es?)\\b"),
          rule(Kind.CHURN, 0.9, "renew", "\\b(?:not|won'?t|will not|do not|don'?t) (?:be )?(?:going to )?renew(?:ing)?\\b"),
          rule(Kind.CHURN, 0.85, "switch,mov", "\\b(?:switch(?:ing)?|mov(?:e|ing)) (?:over )?(?:to|away from)\\b[^.?!\\n]{0,30}"),
          rule(Kind.COMPLAINT, 0.95, "unsubscribe,stop,remove me from", "\\bunsubscribe\\b|\\bstop (?:emailing|e-mailing|sending|contacting)\\b|\\bremove me from\\b"),
          rule(Kind.COMPLAINT, 0.9, "unacceptable,complain,escalat", "\\b(?:this is |that is |it is )?unacceptable\\b|\\bformal complaint\\b|\\bwant to complain\\b|\\bescalat(?:e|ing) (?:this|the issue)\\b"),
          rule(Kind.COMPLAINT, 0.8, "charged,billed", "\\b(?:charged|billed) (?:twice|wrong|incorrectly|for)\\b[^.?!\\n]{0,30}"));

  /** Words of frustration the general sentiment lexicon rates mildly or not at all in business writing. */
  private static final Pattern FRUSTRATION_WORDS =
      Pattern.compile("\\b(?:frustrat\\w*|fed up|annoy\\w*|fix (?:this|it) now|third time|still (?:not|broken|waiting)|nobody (?:got|gets) back|lost a day|disappoint\\w*)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?\\n])");
  private static final Pattern NEGATED =
      Pattern.compile("(?s).*\\b(?:no|not|never|without|isn'?t|aren'?t|wasn'?t|don'?t|didn'?t|no longer)\\s+(?:\\w+\\s+)?$");

  private final Sentiment sentiment;
  private final CompetitorMatcher competitors;

  public Tagger(Sentiment sentiment, CompetitorMatcher competitors) {
    this.sentiment = sentiment;
    this.competitors = competitors;
  }

  /** A tagger with the bundled lexicon and the given competitors and own products. */
  public static Tagger standard(Map<String, List<String>> competitors, java.util.Set<String> ownProducts) {
    return new Tagger(Sentiment.standard(), new CompetitorMatcher(competitors, ownProducts));
  }

  /** Every signal in the text, in order of position. */
  public List<Signal> tag(String text) {
    List<Signal> out = new ArrayList<>();
    String folded = fold(text);
    for (Rule r : RULES) {
      if (r.anchors().stream().noneMatch(folded::contains)) {
        continue;
      }
      Matcher m = r.pattern().matcher(text);
      while (m.find()) {
        if (!negatedBefore(text, m.start()) && out.stream().noneMatch(s -> s.kind() == r.kind() && s.start() <= m.start() && s.end() >= m.end())) {
          out.add(new Signal(r.kind(), m.start(), m.end(), m.group().strip(), r.confidence(), "rule", VERSION));
        }
      }
    }
    for (CompetitorMatcher.Mention c : competitors.find(text)) {
      out.add(new Signal(Kind.COMPETITOR, c.start(), c.end(), c.text(), c.edits() == 0 ? 0.95 : 0.8, c.competitor(), VERSION));
    }
    frustration(text, out);
    out.sort(Comparator.comparingInt(Signal::start).thenComparing(s -> s.kind().name()));
    return List.copyOf(out);
  }

  /** Frustration: negative sentences, the span being the words that made them so. */
  private void frustration(String text, List<Signal> out) {
    Matcher words = FRUSTRATION_WORDS.matcher(text);
    while (words.find()) {
      if (!negatedBefore(text, words.start())) {
        out.add(new Signal(Kind.FRUSTRATION, words.start(), words.end(), words.group(), 0.9, "frustration words", VERSION));
      }
    }
    int sentenceStart = 0;
    for (String sentence : SENTENCE_END.split(text)) {
      Sentiment.Score score = sentiment.score(sentence);
      if (score.compound() <= -0.4) {
        Sentiment.Evidence worst = score.evidence().stream().min(Comparator.comparingDouble(Sentiment.Evidence::valence)).orElse(null);
        if (worst != null) {
          int start = sentenceStart + worst.start();
          int end = sentenceStart + worst.end();
          if (out.stream().noneMatch(s -> s.kind() == Kind.FRUSTRATION && s.start() <= start && s.end() >= end)) {
            // Confidence grows with how negative the sentence reads: -0.4 → 0.6, -1 → 0.9.
            out.add(new Signal(Kind.FRUSTRATION, start, end, text.substring(start, end), 0.6 + 0.5 * (-score.compound() - 0.4), "sentiment " + String.format(Locale.ROOT, "%.2f", score.compound()), VERSION));
          }
        }
      }
      sentenceStart += sentence.length();
    }
  }

  /** "No budget freeze", "not cancelling", "isn't frustrating": a negation just before the phrase. */
  private static boolean negatedBefore(String text, int at) {
    return NEGATED.matcher(text.substring(Math.max(0, at - 25), at).toLowerCase(Locale.ROOT)).matches();
  }

  /**
   * The text with each character folded the way case-insensitive Unicode matching compares it (upper, then lower
   * case: "ſ" and "S" both become "s"), so an anchor absent from the folded text cannot be matched by a rule.
   */
  static String fold(String text) {
    char[] chars = new char[text.length()];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = Character.toLowerCase(Character.toUpperCase(text.charAt(i)));
    }
    return new String(chars);
  }
}
