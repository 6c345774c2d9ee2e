package io.customergraph.language;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whose words: an email's new text cut into the author's own words and what the author passed on — a news story
 * pasted in, a newsletter or list mail, a legal disclaimer. Only the author's own words carry intent tags (a
 * frustrated news story is not a frustrated customer); the rest can still be searched and shown, marked as what it is.
 * Quoted history and signatures are cut off before this ({@code ingest.ReplyText}); this reads what is left.
 *
 * <p>The cues are the shapes of the text, not its topic, so that they hold on mail nobody here has read:
 *
 * <ul>
 *   <li><b>List mail</b>: the message carries {@code List-Id}, {@code List-Unsubscribe} or {@code Precedence:
 *       bulk|list|junk} (the caller says so) — all of it; or a paragraph offering to unsubscribe or saying why the
 *       reader receives it — that paragraph and everything after it.
 *   <li><b>Disclaimers</b>: a paragraph telling an unintended recipient what to do, or declaring itself confidential
 *       and privileged.
 *   <li><b>News</b>: a paragraph with a news-wire mark — a dateline ("HOUSTON (Reuters) -", "NEW YORK, Dec 5 -"), a
 *       wire or copyright line ("(c) Reuters", "Copyright 2001 Dow Jones", "All rights reserved"), a byline ("By Jane
 *       Smith") — and the paragraphs around it written in the third person (no I, we, you), up to the author's own
 *       comment; and, without any mark, three or more long third-person paragraphs in a row (an article pasted in
 *       whole).
 * </ul>
 */
public final class Segments {

  /** What a stretch of text is. */
  public enum Kind {
    /** The author's own words: the only ones tagged. */
    OWN,
    /** A news story or article pasted in or forwarded. */
    NEWS,
    /** Newsletter or mailing-list content. */
    LIST,
    /** A legal or confidentiality disclaimer. */
    DISCLAIMER
  }

  /** A stretch {@code [start, end)} of the text and what it is. */
  public record Segment(Kind kind, int start, int end) {}

  /** The segmentation's version: tags found under another one are recomputed (part of {@link Tagger#VERSION}). */
  public static final String VERSION = "segments-1";

  private static final Pattern UNSUBSCRIBE = Pattern.compile(
      "\\bunsubscribe\\b|\\bopt[- ]out\\b|stop receiving (?:these |this |future |our )?(?:e-?mails?|e-?mail notifications|messages|mailings|newsletters?)|to be removed from (?:this|our|the) (?:mailing |distribution |e-?mail )?list|you (?:are )?receiv(?:e|ed|ing) this (?:e-?mail|message|newsletter|mailing)"
          + "|manage your (?:e-?mail |subscription )?(?:preferences|subscription)|update your (?:e-?mail )?preferences|view (?:it|this e-?mail) in your browser",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern DISCLAIMER = Pattern.compile(
      "intended (?:only |solely )?for the (?:sole |exclusive )?(?:use of the )?(?:individual|person|entity|addressee|named recipient|recipient)"
          + "|if you (?:have )?received this (?:e-?mail|message|communication|transmission) in error|(?:is|are|may be) confidential and (?:may (?:also )?be )?(?:legally )?privileged"
          + "|not the intended recipient|any (?:review|dissemination|distribution|copying) (?:of this|by persons)"
          + "|reserves? the right to (?:monitor|review|intercept|read)|^\\s*notice regarding\\b|(?:will|shall) not be (?:held )?(?:responsible|liable) for",
      Pattern.CASE_INSENSITIVE);
  /** A dateline at a paragraph's start: a capitalised place, maybe a date and a wire, then a dash. */
  private static final Pattern DATELINE = Pattern.compile(
      "^\\s*[A-Z][A-Z.'\\- ]{2,40}(?:,\\s*[A-Z][A-Za-z.]+(?:\\s+\\d{1,2})?)*(?:,\\s*\\d{4})?\\s*(?:\\([A-Za-z .&-]{2,40}\\))?\\s*(?:--|-|\u2014|\u2013)\\s+\\S");
  private static final Pattern WIRE = Pattern.compile(
      "\\(c\\)\\s*(?:\\d{4}\\s*,?\\s*)?[A-Z][a-z]|\u00a9|\\bcopyright\\b.{0,40}\\b(?:\\d{4}|inc|corp|news|press|times|journal|reuters|dow jones|bloomberg)|all rights reserved"
          + "|\\((?:reuters|ap|afp|bloomberg|dow jones|upi)\\)|\\b(?:reuters|associated press|dow jones newswires|bloomberg news|business wire|pr newswire)\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern BYLINE = Pattern.compile("^\\s*By\\s+[A-Z][a-z]+(?:\\s+[A-Z]\\.?)?\\s+[A-Z][A-Za-z'\\-]+(?:\\s+and\\s+[A-Z][a-z]+\\s+[A-Z][A-Za-z'\\-]+)?\\s*(?:,.*)?$",
      Pattern.MULTILINE);
  /** The words of the first and second person (a regular-expression alternation, shared with {@link Tagger}). */
  static final String FIRST_OR_SECOND_PERSON = "i|i'm|i've|i'd|me|my|we|we're|we've|we'd|us|our|ours|you|you're|you've|your|yours";
  /** First and second person: the author speaking to the reader. */
  private static final Pattern PERSONAL = Pattern.compile("\\b(?:" + FIRST_OR_SECOND_PERSON + "|i'll|mine|we'll|pls|please|thanks)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n[ \\t]*\\n\\s*");
  /** A paragraph this long without I, we or you reads as an article, when three come in a row. */
  private static final int PROSE_WORDS = 25;
  private static final int PROSE_RUN = 3;
  /** A paragraph after a dateline is a news lead only this long; shorter is a note ("FYI - see below"). */
  private static final int LEAD_WORDS = 15;

  private Segments() {}

  /** The segments of a text, in order, covering all of it; {@code listMail} when the headers say it is list mail. */
  public static List<Segment> of(String text, boolean listMail) {
    if (text.isEmpty()) {
      return List.of();
    }
    if (listMail) {
      return List.of(new Segment(Kind.LIST, 0, text.length()));
    }
    List<int[]> paragraphs = paragraphs(text);
    int n = paragraphs.size();
    Kind[] kinds = new Kind[n];
    boolean[] personal = new boolean[n];
    int[] words = new int[n];
    for (int i = 0; i < n; i++) {
      String p = text.substring(paragraphs.get(i)[0], paragraphs.get(i)[1]);
      personal[i] = PERSONAL.matcher(p).find();
      words[i] = count(p);
      kinds[i] = Kind.OWN;
    }
    // List-mail footers: the paragraph and everything after it.
    for (int i = 0; i < n; i++) {
      if (UNSUBSCRIBE.matcher(text.substring(paragraphs.get(i)[0], paragraphs.get(i)[1])).find()) {
        for (int j = i; j < n; j++) {
          kinds[j] = Kind.LIST;
        }
        break;
      }
    }
    for (int i = 0; i < n; i++) {
      if (kinds[i] == Kind.OWN && DISCLAIMER.matcher(text.substring(paragraphs.get(i)[0], paragraphs.get(i)[1])).find()) {
        kinds[i] = Kind.DISCLAIMER;
      }
    }
    // News marks, and the third-person paragraphs around them.
    for (int i = 0; i < n; i++) {
      String p = text.substring(paragraphs.get(i)[0], paragraphs.get(i)[1]);
      // A dateline starts a third-person news lead of some length ("FYI - see the numbers" is the author's own), a
      // byline a third-person paragraph; a wire or copyright line marks wherever it stands.
      boolean marked = WIRE.matcher(p).find() || !personal[i] && (DATELINE.matcher(p).find() && words[i] >= LEAD_WORDS || BYLINE.matcher(p).find());
      if (kinds[i] != Kind.OWN || !marked) {
        continue;
      }
      kinds[i] = Kind.NEWS;
      for (int j = i - 1; j >= 0 && kinds[j] == Kind.OWN && !personal[j]; j--) {
        kinds[j] = Kind.NEWS;
      }
      for (int j = i + 1; j < n && kinds[j] == Kind.OWN && !personal[j]; j++) {
        kinds[j] = Kind.NEWS;
      }
    }
    // An article pasted in whole: a run of long third-person paragraphs.
    for (int i = 0; i < n; ) {
      int j = i;
      while (j < n && kinds[j] == Kind.OWN && !personal[j] && words[j] >= PROSE_WORDS) {
        j++;
      }
      if (j - i >= PROSE_RUN) {
        for (int k = i; k < j; k++) {
          kinds[k] = Kind.NEWS;
        }
      }
      i = Math.max(j, i + 1);
    }
    // Segments: paragraphs of one kind joined, the blank lines between them going with the one before.
    List<Segment> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < n; i++) {
      int end = i + 1 < n ? paragraphs.get(i + 1)[0] : text.length();
      if (i + 1 == n || kinds[i + 1] != kinds[i]) {
        out.add(new Segment(kinds[i], start, end));
        start = end;
      }
    }
    return out;
  }

  /**
   * The text with everything but the author's own words blanked (each character a space, line breaks kept), so that
   * what is found in it has the same offsets as in the text.
   */
  public static String ownWords(String text, boolean listMail) {
    List<Segment> segments = of(text, listMail);
    if (segments.stream().allMatch(s -> s.kind() == Kind.OWN)) {
      return text;
    }
    char[] out = text.toCharArray();
    for (Segment s : segments) {
      if (s.kind() != Kind.OWN) {
        for (int i = s.start(); i < s.end(); i++) {
          if (out[i] != '\n') {
            out[i] = ' ';
          }
        }
      }
    }
    return new String(out);
  }

  /** Paragraphs as [start, end) of their text, split at blank lines. */
  private static List<int[]> paragraphs(String text) {
    List<int[]> out = new ArrayList<>();
    Matcher blank = BLANK_LINES.matcher(text);
    int start = 0;
    while (blank.find()) {
      if (blank.start() > start) {
        out.add(new int[] {start, blank.start()});
      }
      start = blank.end();
    }
    if (start < text.length()) {
      out.add(new int[] {start, text.length()});
    }
    if (out.isEmpty()) {
      out.add(new int[] {0, text.length()});
    }
    return out;
  }

  private static int count(String p) {
    Matcher m = WORD.matcher(p.toLowerCase(Locale.ROOT));
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
