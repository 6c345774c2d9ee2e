package io.customergraph.act;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Sentences of a borrowed paragraph that claim something about the reader: a promise made to them, a conversation or
 * meeting with them, a product they use or discussed. Issue #19.5: a won deal's email lent "As promised, here is the
 * case study…" and "our last conversation about Graph Enterprise" to people nobody had promised or spoken to. A
 * sentence is kept only when each claim it makes holds for this person in the graph; a promise is never recorded, so
 * a sentence that claims one is never borrowed.
 */
final class Claims {

  private Claims() {}

  private static final Pattern PROMISE = Pattern.compile(
      "\\b(as (promised|agreed|discussed|requested|mentioned)|you asked (for|about)|per your request|i promised|we promised|as per our)\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern CONVERSATION = Pattern.compile(
      "\\b(our (last|recent|previous|earlier) (conversation|exchange|email|chat)|we (spoke|talked|discussed)|you (told|mentioned to) (me|us)|following up on our)\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern MEETING = Pattern.compile(
      "\\b(our (last |recent |previous )?(call|meeting|demo|workshop)|when we met|we met|great (meeting|speaking with) you|thanks for (your|the) time)\\b",
      Pattern.CASE_INSENSITIVE);

  /** The paragraph's sentences whose claims hold; null when none is left. */
  static @Nullable String keep(String paragraph, Drafts.Facts facts) {
    List<String> kept = new ArrayList<>();
    for (String sentence : paragraph.split("(?<=[.!?])\\s+")) {
      if (holds(sentence, facts)) {
        kept.add(sentence);
      }
    }
    String text = String.join(" ", kept).strip();
    return text.length() < 40 ? null : text;
  }

  static boolean holds(String sentence, Drafts.Facts facts) {
    if (PROMISE.matcher(sentence).find()) {
      return false;
    }
    if (CONVERSATION.matcher(sentence).find() && !facts.talked()) {
      return false;
    }
    if (MEETING.matcher(sentence).find() && !facts.met()) {
      return false;
    }
    // Our products (customer-graph.language.own-products): named in the sentence, they must be in the person's deals.
    String lower = sentence.toLowerCase(Locale.ROOT);
    for (String product : facts.ownProducts()) {
      String name = product.toLowerCase(Locale.ROOT);
      if (Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(lower).find() && facts.products().stream().noneMatch(p -> p.contains(name))) {
        return false;
      }
    }
    return true;
  }
}
