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

  /**
   * The version of the rules, the lexicon and what is tagged, with the learnt sentiment model's (rules-3: an email
   * body's own words only, by {@link Segments}, and a market's price is not pricing interest; rules-4: frustration
   * near the reader and never in a hypothesis or an apology, pricing asked by someone, meetings with a day or a time,
   * the learnt model agreeing); stored with every tag so tags can be recomputed after a change.
   */
  public static final String VERSION = "rules-4+" + SentimentModel.VERSION;

  /** Kinds of signal. */
  public enum Kind { FRUSTRATION, COMPETITOR, PRICING, BUDGET, MEETING, CHURN, COMPLAINT }

  /** One signal: what, where (character offsets), the words themselves, how sure, and what produced it. */
  public record Signal(Kind kind, int start, int end, String snippet, double confidence, String detail, String version) {}

  /**
   * A phrase rule. {@code anchors} are lower-case words of which every match contains at least one (checked by
   * {@code TaggerTest} on the labelled set and the Enron mailbox): a text containing none of them is not scanned
   * with the regular expression at all, which is most texts for most rules.
   */
  record Rule(Kind kind, Pattern pattern, double confidence, List<String> anchors, boolean withReader) implements Anchored {}

  private static Rule rule(Kind kind, double confidence, String anchors, String regex) {
    return new Rule(kind, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), confidence, List.of(anchors.split(",")), false);
  }

  /** A rule that counts only in a sentence involving the reader: "you", "we", "us", "our", "let's" ("I have a meeting tomorrow with the PUC staff" is not). */
  private static Rule withReader(Rule r) {
    return new Rule(r.kind(), r.pattern(), r.confidence(), r.anchors(), true);
  }

  /** The reader addressed: the words that make a sentence about them. */
  private static final String SECOND_PERSON = "you|you're|you've|you'd|your|yours";

  private static final Pattern READER = Pattern.compile("\\b(?:" + SECOND_PERSON + "|you'll|we|we're|we've|we'd|we'll|us|our|ours|let's|lets)\\b", Pattern.CASE_INSENSITIVE);

  /** Words that name a price; a request or a question around them is pricing intent. */
  private static final String PRICE_WORDS =
      "(?:prices?|pricing|priced|quotes?|quotations?|proposals?|discounts?|fees?|your rates|rate card|costs?|charge|ballpark(?: figure)?|best offer|cheaper (?:plan|option|tier)|list price|total cost of ownership)";
  private static final String PRICE_ANCHORS = "pric,quot,proposal,discount,fee,rate,cost,charge,ballpark,offer,cheaper";
  /** What a customer stops using: the objects of "cancel", "terminate", "replace"… */
  private static final String OUR_SERVICE =
      "(?:subscriptions?|contract|account|service|licen[cs]es?|agreement|partnership|plan|seats|platform|product|tool|solution)";
  /** Money a customer spends; frozen, cut or withdrawn it is a budget signal. */
  private static final String SPEND =
      "(?:budgets?|spend(?:ing)?|purchas(?:es|ing)|funding|funds|procurement|allocation|renewals|costs|licen[cs]es|subscriptions|vendor (?:list|spend)|software costs)";

  static final List<Rule> RULES =
      List.of(
          // A request for a price, or a question about one (within one sentence).
          rule(Kind.PRICING, 0.9, PRICE_ANCHORS, "\\b(?:send|share|give|get|need|want|wants|(?:would|'d) like|request(?:ing)?|include|understand|asked for|quote us|put together)\\b[^.?!\\n]{0,40}\\b" + PRICE_WORDS + "\\b"),
          rule(Kind.PRICING, 0.9, PRICE_ANCHORS, "\\b(?:what|how|is|are|do|does|can|could|would|will)\\b[^.?!\\n]{0,50}\\b" + PRICE_WORDS + "\\b[^.?!\\n]{0,60}\\?"),
          rule(Kind.PRICING, 0.9, "quote", "\\b(?:can|could|would|will) you (?:please )?quote\\b"),
          rule(Kind.PRICING, 0.9, "how much", "\\bhow much (?:does|would|will|is|are|do|extra)\\b[^.?!\\n]{0,40}"),
          rule(Kind.PRICING, 0.85, "discount,cost,pric", "\\b(?:volume|annual|multi-year|nonprofit|non-profit) (?:discount|pricing)\\b|\\bcost per (?:user|seat|license|licence)\\b|\\bper[- ](?:seat|user) (?:price|pricing|cost)\\b"),
          rule(Kind.PRICING, 0.8, "pricing for", "\\bpricing for\\b[^.?!\\n]{0,40}"),
          rule(Kind.BUDGET, 0.95, "budget", "\\bbudgets? (?:has |have |was |were |is |are )?(?:been |being |still )?(?:frozen|freezed|cut|slashed|reduced|on hold|pulled|gone|locked|withdrawn)\\b"),
          rule(Kind.BUDGET, 0.9, "budget,spend,purchas,fund,procurement,allocation,headcount",
              "\\b(?:budgets?|spend(?:ing)?|purchases|funding|funds|procurement|allocation|headcount)\\b[^.?!\\n]{0,40}\\b(?:frozen|froze|on hold|pulled|withdrawn|capped|locked|paused|closed|redirected|slashed|(?:been |was |were )cut)\\b"),
          rule(Kind.BUDGET, 0.9, "budget,spend,purchas,fund,procurement,allocation,renewal,cost,licen,subscription,vendor",
              "\\b(?:froze|freeze|freezing|cut(?:ting)?(?: back)?(?: on)?|slash(?:ed|ing)?|trim|reduce|withdrew|pull(?:ed)?)\\b[^.?!\\n]{0,30}\\b" + SPEND + "\\b"),
          rule(Kind.BUDGET, 0.9, "freez,budget,cost,moratorium,saving,spend,lost,no new",
              "\\b(?:budget|spending|hiring|purchasing) freeze\\b|\\bfreez(?:e|ing) on (?:vendor |new )?(?:spend|spending|purchases|tools)\\b|\\bcost[- ]cutting\\b|\\bmoratorium\\b|\\bbudget (?:pressure|cuts?)\\b"
                  + "|\\bsavings (?:program|programme)\\b|\\bnot allowed to spend\\b|\\bcan'?t get (?:the )?budget\\b|\\blost (?:the|our|its) (?:budget|funding)\\b|\\bno new (?:purchases|licen[cs]es|contracts|tools|software)\\b"),
          rule(Kind.BUDGET, 0.85, "budget", "\\bno budget (?:left|for)\\b"),
          rule(Kind.MEETING, 0.9, "call,meeting,demo,session,walkthrough,chat,workshop,check-in,kickoff,kick-off,visit,review,time,slot,catch-up,minutes",
              "\\b(?:schedule|set up|book (?:a|an|the|some|us|me|time)|arrange|organi[sz]e)\\b[^.?!\\n]{0,30}\\b(?:call|meeting|demo|session|walkthrough|chat|workshop|check-in|kickoff|kick-off|visit|review|time|slot|catch-up)\\b"
                  + "|\\bset (?:a|some) time\\b|\\bfind (?:a |some )?(?:time|slot|\\d+ minutes)\\b"),
          rule(Kind.MEETING, 0.9, "are you,do you have,be free,be available,free,available,around",
              "\\bare you (?:free|available|around)\\b[^.?!\\n]{0,40}|\\bdo you have (?:time|availability|\\d+ minutes)\\b[^.?!\\n]{0,40}|\\b(?:i|we|you|i'?ll|we'?ll|you'?ll|i'?d|we'?d)(?: will| would| could| can| may| might| should)? be (?:free|available) (?:for|on|to|at)\\b|\\b(?:i'm|i am|we're|we are) (?:free|available) (?:on |at |this |next |tomorrow)"),
          rule(Kind.MEETING, 0.85, "let,can we,could we,shall we", "\\b(?:let'?s|can we|could we|shall we) (?:meet|talk|chat|catch up|hop on a call|jump on a call|find (?:a )?time|get on a call|do a call|have a call)\\b|\\bshall we meet\\b"),
          rule(Kind.MEETING, 0.85, "call,chat,meeting,demo", "\\b(?:jump|hop|get) on a (?:quick )?call\\b|\\b(?:work|suit)s? for (?:a |the )?(?:quick |short )?(?:call|chat|meeting|demo)\\b|\\b(?:appreciate|like|love|want) (?:a|to have a) (?:quick )?(?:call|chat|meeting|demo)\\b"),
          rule(Kind.MEETING, 0.85, "calendar invite,diary,time,suits you,walk you through,call me,join",
              "\\bcalendar invite\\b|\\bin the diary\\b|\\bpropose (?:a |some )?(?:few )?times?\\b|\\btimes? that works?\\b|\\bwhen suits you\\b|\\bwalk you through\\b|\\bcall me (?:back |tomorrow|today|on|at|this|when)"
                  + "|\\bjoin (?:us|our)\\b[^.?!\\n]{0,30}\\b(?:meeting|call|session)\\b"),
          // A meeting or call with a day or a time ("our Wednesday 10:00 meeting", "I will call you Monday", "we can talk on
          // Friday", "meet with you next Tuesday at 10:00"), or an invitation to answer ("please RSVP", "plan to attend").
          withReader(rule(Kind.MEETING, 0.85, "meet,call,talk,session,conference",
              "\\b(?:meet(?:ing)?|call|talk|conference call|session)\\b[^.?!\\n]{0,30}?\\b(?:(?:on |this |next )?(?:monday|tuesday|wednesday|thursday|friday)|tomorrow|today at|(?:at )?\\d{1,2}(?::\\d\\d)? ?(?:am|pm|a\\.m\\.|p\\.m\\.)|at \\d{1,2}:\\d\\d)\\b"
                  + "|\\b(?:monday|tuesday|wednesday|thursday|friday|tomorrow'?s?)\\b[^.?!\\n]{0,20}?\\b(?:\\d{1,2}(?::\\d\\d)? ?(?:am|pm)?\\s+)?(?:meeting|call|session)\\b")),
          rule(Kind.MEETING, 0.85, "meeting,call,conferenced",
              "\\b(?:weekly|daily|monthly|regular|recurring) (?:meeting|call|conference call)s?\\b|\\b(?:meeting|call)s? (?:each|every) (?:day|week|morning|monday|tuesday|wednesday|thursday|friday)\\b|\\bconferenced in\\b"),
          rule(Kind.MEETING, 0.85, "meet,discuss,talk,rsvp,attend,time,how about",
              "\\b(?:would like|'d like|want|wanted) to (?:meet|talk|discuss)\\b[^.?!\\n]{0,40}|\\bplease rsvp\\b|\\brsvp requested\\b|\\bplan to attend\\b"
                  + "|\\b(?:convenient|good|best) time (?:to|for|we can|when we can)(?: all)? (?:meet|talk|call|discuss)\\b|\\bhow about (?:\\d{1,2}(?::\\d\\d)?|monday|tuesday|wednesday|thursday|friday|tomorrow)\\b"),
          rule(Kind.CHURN, 0.95, "cancel,terminat,end,discontinu,close,shut,phas,replac,dropping,wind",
              "\\b(?:cancel|terminate|terminating|end(?! of)|ending|discontinue|close(?! to)|closing|shut(?:ting)? down|phas(?:e|ing) out|replac(?:e|ing)|dropping|wind(?:ing)? down)\\b[^.?!\\n]{0,20}\\b" + OUR_SERVICE + "\\b"
                  + "|\\breplac(?:e|ing) you\\b"),
          rule(Kind.CHURN, 0.9, "renew,extend,continue", "\\b(?:not|won'?t|will not|do not|don'?t|no longer)\\b (?:to |be |going to |plan to |want to )?(?:auto-?)?(?:renew(?:ing|al)?|extend(?:ing)? (?:the |our )?(?:contract|subscription|agreement|licen[cs]e)|be extended|continue (?:with |the |our )?(?:service|subscription|contract|plan|next|beyond|after|into))\\b|\\bstop (?:the )?auto-?renew(?:al)?\\b"),
          rule(Kind.CHURN, 0.9, "switch,provider,vendor,supplier,competitor,solution,platform,tool",
              "\\bswitch(?:ing)? (?:our|the) (?:crm|provider|vendor|platform|system|tool)\\b|\\bswitch(?:ing)? to (?:a |another |a different |a new )?(?:vendor|provider|supplier|tool|platform|solution|system|crm)\\b|\\bgo(?:ing)? with (?:a |another )?(?:different|new|other) (?:provider|vendor|supplier|solution|platform|tool)\\b"
                  + "|\\b(?:chose|chosen|picked|selected|signed with) (?:a |another |a different )?(?:competitor|vendor|provider|supplier)\\b"),
          rule(Kind.CHURN, 0.9, "leaving,last,want,cancel,lapse,offboard,stopped using,away from,off,elsewhere",
              "\\bleaving (?:you|your \\w+|at the end of (?:the|our) (?:month|term|contract|year))\\b|\\blast (?:day|month|quarter|year) as (?:a |your )?customers?\\b|\\bwants? out\\b"
                  + "|\\b(?:notice of cancellation|cancellation (?:request|notice)|our cancellation)\\b|\\bcancel(?:l?ing)? (?:entirely|altogether|everything)\\b|\\bdowngrad\\w* and (?:then )?cancel\\w*"
                  + "|\\blet (?:the |our )?(?:subscription|contract|licen[cs]es?|plan) lapse\\b|\\boffboard(?:ing)?\\b|\\bstopped using (?:the product|the platform|the tool|your|it)\\b|\\b(?:mov|migrat)\\w* (?:away from|off) (?:your|the)\\b"
                  + "|\\bmov(?:e|ing) (?:our )?(?:data|business|account) elsewhere\\b"),
          rule(Kind.COMPLAINT, 0.95, "unsubscribe,stop,remove me from,take me,opt,want to receive,consent",
              // An unsubscribe request, not a newsletter's footer ("To unsubscribe, click here").
              "\\b(?:please |kindly )unsubscribe\\b|\\bunsubscribe (?:me|us)\\b|\\b(?:i|we)(?:'d| would)? (?:want|wish|like|need) to unsubscribe\\b|(?m:^\\s*unsubscribe\\s*[.!]?\\s*$)|\\bstop (?:emailing|e-mailing|sending|contacting|calling|messaging)\\b|\\bremove me from\\b|\\b(?:take|opt) me (?:off|out)\\b|\\bopt(?:ing)? out of\\b|\\bdon'?t want to receive\\b|\\b(?:did not|didn'?t) consent\\b"),
          rule(Kind.COMPLAINT, 0.9, "unacceptable,acceptable,complain,escalat,manager,supervisor",
              "\\b(?:this is |that is |it is )?(?:unacceptable|not acceptable)\\b|\\b(?:raise|file|lodge|make|formal) (?:a )?complaint\\b|\\b(?:our|my) complaint (?:has|was)\\b|\\b(?:want|wish|writing) to (?:formally )?complain\\b|\\bformally complain\\b"
                  + "|\\bescalat(?:e|ing) (?:this|the issue|it)\\b|\\b(?:speak|talk) (?:to|with) (?:a|your) (?:manager|supervisor)\\b"),
          rule(Kind.COMPLAINT, 0.85, "charged,billed,invoiced,overcharged,invoice,bill,refund,pay",
              "\\b(?:charged|billed|invoiced) (?:twice|double|wrong(?:ly)?|incorrectly|for (?:seats|users|licen[cs]es|something|a cancelled|the same))\\b[^.?!\\n]{0,30}|\\bovercharged\\b"
                  + "|\\b(?:invoice|bill|billing) (?:is|was) (?:wrong|incorrect)\\b|\\bbilling error\\b|\\binvoices? for a cancelled\\b|\\bwill not pay\\b|\\b(?:demand|expect|want) a refund\\b"),
          rule(Kind.COMPLAINT, 0.85, "nobody,no one,no-one,never,ignored,rude,worst,promised,unhappy,disappointed,dissatisfied,expected,terrible,awful,ridiculous,horrible,appalling",
              "\\b(?:nobody|no one|no-one) (?:has )?(?:answered|responded|replied|got back|fixes|fixed)\\b|\\bnever got back\\b|\\bthat never came\\b|\\bhas been ignored\\b|\\bwas rude to\\b"
                  + "|\\bworst (?:\\w+ )?(?:experience|support|service)\\b|\\bpromised\\b[^.?!\\n]{0,30}\\b(?:didn'?t|did not|never|wasn'?t)\\b|\\b(?:unhappy|disappointed|dissatisfied) with (?:the|your|how)\\b"
                  + "|\\bexpected (?:far |much |a lot )?better\\b|\\b(?:service|support|response time)\\b[^.?!\\n]{0,20}\\b(?:terrible|awful|ridiculous|horrible|appalling)\\b"));

  /** Words of frustration the general sentiment lexicon rates mildly or not at all in business writing. */
  private static final Pattern FRUSTRATION_WORDS =
      Pattern.compile("\\b(?:frustrat\\w*|fed up|annoy\\w*|fix (?:this|it) now|third time|still (?:not (?:working|fixed|resolved|solved|sorted|done|answered|received|delivered|available|here|there)|broken|waiting)|nobody (?:got|gets) back|lost a (?:full )?day|disappoint\\w*"
          + "|nightmare|(?:total|complete) mess|(?:losing|lost) (?:our |my )?patience|patience (?:has )?run out|wits'? end|driving (?:us|me) crazy|(?:tired|sick) of|exhausting|furious"
          + "|keeps? (?:failing|breaking|crashing|running into)|breaks something|feel ignored|nothing (?:\\w+ ){0,3}has worked|why is this still|hates? it"
          // Exasperation at the reader's work (allen-p, dev): "Your response does not address the key points", "I don't understand why we need to…".
          + "|(?:your|the)\\s+(?:response|reply|answer|proposal|explanation|draft)\\s+(?:does\\s+not|doesn'?t|did\\s+not|didn'?t|fails?\\s+to|failed\\s+to)\\s+(?:address|answer|explain|cover|resolve)"
          + "|(?:i|we)\\s+(?:don'?t|do\\s+not|can'?t|cannot)\\s+understand\\s+why)\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * Frustration is the author's own complaint directed at us or our service: a sentence in the first or second person
   * (the author's experience, or words to us), about the matter at hand ("This is completely broken", "It keeps
   * failing"), or about what we provide (the app, the support, the release, the invoice…).
   */
  private static final Pattern DIRECTED = Pattern.compile("\\b(?:" + SECOND_PERSON + ")\\b"
      + "|^\\s*(?:this|it|it's|that)\\b|\\b(?:app|application|product|service|support|release|update|upgrade|migration|system|platform|tool|software|feature|dashboard"
      + "|export|import|integration|onboarding|invoice|billing|account|subscription|contract|licen[cs]e|rollout|implementation|performance|delivery|order|shipment"
      + "|outage|bug|error|downtime|fix|ticket)s?\\b", Pattern.CASE_INSENSITIVE);

  /**
   * A sentence that is not the author's complaint whatever its words: a hypothesis ("If you have trouble downloading
   * the file…", "If the negotiations stall…") or an apology and an acknowledgement of the reader's feelings ("please
   * excuse any confusion", "we understand your continued frustration").
   */
  private static final Pattern NOT_A_COMPLAINT = Pattern.compile(
      "^\\W*(?:if|in case|should you|unless|whether)\\b|\\b(?:sorry|apologi[sz]e|apologies|excuse|forgive|pardon)\\b|\\byour (?:\\w+ )?(?:frustration|patience|inconvenience|concerns?)\\b",
      Pattern.CASE_INSENSITIVE);

  /** Someone asking or being asked: a first- or second-person word, or "please". */
  private static final Pattern PERSONAL = Pattern.compile("\\b(?:" + Segments.FIRST_OR_SECOND_PERSON + "|please|pls)\\b", Pattern.CASE_INSENSITIVE);

  /** A verb of leaving just before a competitor's name: "moving to", "switching over to", "signed with". */
  private static final Pattern LEAVING_FOR = Pattern.compile(
      "\\b(?:switch(?:ing)?|mov(?:e|ing)|migrat(?:e|ing)|go(?:ing)? with|signed with|chose|chosen|replac(?:e|ing) (?:you|it|your \\w+) with)(?:\\s+over)?(?:\\s+to)?\\s+$",
      Pattern.CASE_INSENSITIVE);

  /**
   * Where a sentence ends: after . ! ? or a line break — except a line break before a lower-case word, which is a
   * mail client wrapping a long line ("…will meet with you next Tuesday at 10:00 to review the\nproblems as we've…").
   */
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])|(?<=\\n)(?![ \\t]*\\p{Ll})");
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
      if (!r.mayMatch(folded)) {
        continue;
      }
      Matcher m = r.pattern().matcher(text);
      while (m.find()) {
        if (!negatedBefore(text, m.start()) && !(r.kind() == Kind.PRICING && !pricingRequest(text, m))
            && !(r.withReader() && !READER.matcher(sentenceAround(text, m.start(), m.end())).find())
            && out.stream().noneMatch(s -> s.kind() == r.kind() && s.start() <= m.start() && s.end() >= m.end())) {
          out.add(new Signal(r.kind(), m.start(), m.end(), m.group().strip(), r.confidence(), "rule", VERSION));
        }
      }
    }
    for (CompetitorMatcher.Mention c : competitors.find(text)) {
      out.add(new Signal(Kind.COMPETITOR, c.start(), c.end(), c.text(), c.edits() == 0 ? 0.95 : 0.8, c.competitor(), VERSION));
      // "We're moving to HubSpot": leaving for a competitor is churn intent; the span runs from the verb to the name.
      Matcher leaving = LEAVING_FOR.matcher(text.substring(Math.max(0, c.start() - 40), c.start()));
      if (leaving.find()) {
        int start = Math.max(0, c.start() - 40) + leaving.start();
        if (!negatedBefore(text, start)) {
          out.add(new Signal(Kind.CHURN, start, c.end(), text.substring(start, c.end()), 0.9, "leaving for " + c.competitor(), VERSION));
        }
      }
    }
    frustration(text, out);
    out.sort(Comparator.comparingInt(Signal::start).thenComparing(s -> s.kind().name()));
    return List.copyOf(out);
  }

  /** A price word in a request or question. */
  private static final Pattern PRICE_WORD = Pattern.compile("\\b" + PRICE_WORDS + "\\b", Pattern.CASE_INSENSITIVE);
  /**
   * A market's price, not ours: the price word right after what is traded or where ("share price", "gas price",
   * "forward price", "market prices"). Pricing intent is a question or request about what we charge.
   */
  private static final Pattern MARKET_QUALIFIER = Pattern.compile(
      "\\b(?:share|shares|stock|stocks|equity|bond|market|spot|forward|futures?|index|commodity|closing|opening|trading|strike|bid|ask|wholesale|retail gas|gas|power|electricity|electric|energy|oil|crude|fuel|gasoline|natural gas|nymex|henry hub)\\s+$",
      Pattern.CASE_INSENSITIVE);

  /**
   * Whether a pricing match is someone asking about a price: not only a market's price ({@link #marketPriceOnly}), nor
   * a price word inside a compound adjective ("a higher-cost zone", "low-cost"), and said by or to someone — a first-
   * or second-person word, "please", or a question — so that "Get a quote on the new 2001 models" in a car dealer's
   * newsletter and "budget to include all start up costs" in a plan are not pricing interest.
   */
  static boolean pricingRequest(String text, Matcher m) {
    if (marketPriceOnly(m.group()) || hyphenatedOnly(m.group())) {
      return false;
    }
    if (PRICE_MOVES.matcher(text.substring(m.end(), Math.min(text.length(), m.end() + 40))).lookingAt()) {
      return false;
    }
    String sentence = sentenceAround(text, m.start(), m.end());
    return PERSONAL.matcher(sentence).find() || sentence.strip().endsWith("?");
  }

  /** What follows a price that moves ("prices are so high", "prices rose"): the market talked about, not asked. */
  private static final Pattern PRICE_MOVES = Pattern.compile(
      "\\s+(?:are |were |is |was |have |has |had )?(?:been |so |very |too |much |far )*(?:high|higher|low|lower|rising|falling|up|down|rose|fell|rise|fall|increas\\w*|decreas\\w*|drop\\w*|spik\\w*|soar\\w*|jump\\w*|climb\\w*|surg\\w*)\\b",
      Pattern.CASE_INSENSITIVE);

  /** Whether every price word in a match is joined to another word by a hyphen ("higher-cost", "cost-effective"). */
  static boolean hyphenatedOnly(String match) {
    Matcher words = PRICE_WORD.matcher(match);
    boolean any = false;
    while (words.find()) {
      any = true;
      boolean joined = (words.start() > 0 && match.charAt(words.start() - 1) == '-') || (words.end() < match.length() && match.charAt(words.end()) == '-');
      if (!joined) {
        return false;
      }
    }
    return any;
  }

  /** The sentence (up to ., !, ? or a line end) around a span of a text. */
  static String sentenceAround(String text, int start, int end) {
    int from = start;
    while (from > 0 && !endsSentence(text, from - 1)) {
      from--;
    }
    int to = end;
    while (to < text.length() && !endsSentence(text, to)) {
      to++;
    }
    return text.substring(from, Math.min(text.length(), to + 1));
  }

  /** Whether the character at {@code i} ends a sentence, as {@link #SENTENCE_END} splits. */
  private static boolean endsSentence(String text, int i) {
    char c = text.charAt(i);
    if (c == '.' || c == '!' || c == '?') {
      return true;
    }
    if (c != '\n') {
      return false;
    }
    int j = i + 1;
    while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
      j++;
    }
    return j >= text.length() || !Character.isLowerCase(text.charAt(j));
  }

  /** Whether every price word in a pricing match names a market's price ("Request for Gas Price", "our share price"). */
  static boolean marketPriceOnly(String match) {
    Matcher words = PRICE_WORD.matcher(match);
    boolean any = false;
    while (words.find()) {
      any = true;
      String before = match.substring(Math.max(0, words.start() - 20), words.start());
      if (!MARKET_QUALIFIER.matcher(before).find()) {
        return false;
      }
    }
    return any;
  }

  /** Frustration: negative sentences, the span being the words that made them so. */
  private void frustration(String text, List<Signal> out) {
    Matcher words = FRUSTRATION_WORDS.matcher(text);
    while (words.find()) {
      if (!negatedBefore(text, words.start()) && !NOT_A_COMPLAINT.matcher(sentenceAround(text, words.start(), words.end())).find()) {
        out.add(new Signal(Kind.FRUSTRATION, words.start(), words.end(), words.group(), 0.9, "frustration words", VERSION));
      }
    }
    int sentenceStart = 0;
    for (String sentence : SENTENCE_END.split(text)) {
      if (NOT_A_COMPLAINT.matcher(sentence.strip()).find()) {
        sentenceStart += sentence.length();
        continue;
      }
      // A negative sentence is frustration only when it is directed at us or our service ({@link #DIRECTED}): "the
      // market has problems" is a topic, "we keep having problems with your export" a complaint.
      Sentiment.Score score = DIRECTED.matcher(sentence.strip()).find() ? sentiment.score(sentence) : null;
      // Two readings must agree: the lexicon scorer's (at or below -0.4) and the learnt model's (issue #21: negative with
      // probability 0.5 or more), so a sentence the rules call negative on one word the model weighs otherwise is not a complaint.
      if (score != null && score.compound() <= -0.4 && SentimentModel.standard().negative(sentence) >= 0.5) {
        // The negative word must be about the reader or what they provide: within a few words of "you", "your", a
        // sentence-opening "this"/"it", or a word for the service ("Due to some problems with my email yesterday, I may
        // not have received your RSVP" is the author's own trouble; "Nothing you promised has worked" is not).
        Sentiment.Evidence worst = score.evidence().stream().filter(e -> e.valence() < 0 && nearDirected(sentence, e))
            .min(Comparator.comparingDouble(Sentiment.Evidence::valence)).orElse(null);
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

  /** Words between a negative word and what makes a sentence directed (you, your, this, a service) for the one to be about the other. */
  static final int DIRECTED_REACH = 6;

  /** Whether a negative word of a sentence is within {@link #DIRECTED_REACH} words of a reference to the reader or their service. */
  static boolean nearDirected(String sentence, Sentiment.Evidence e) {
    // DIRECTED's "^\\s*this" matches at the sentence's own start, so one pass finds every reference.
    Matcher d = DIRECTED.matcher(sentence);
    while (d.find()) {
      int from = Math.min(d.end(), e.start()), to = Math.max(d.start(), e.end());
      if (wordsBetween(sentence, from, to) <= DIRECTED_REACH) {
        return true;
      }
    }
    return false;
  }

  private static int wordsBetween(String s, int from, int to) {
    String between = s.substring(Math.max(0, from), Math.min(s.length(), Math.max(from, to))).strip();
    return between.isEmpty() ? 0 : between.split("\\s+").length;
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
