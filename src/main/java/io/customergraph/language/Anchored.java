package io.customergraph.language;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A pattern every match of which contains one of its lower-case anchor words (checked on real text by
 * {@code TaggerTest}): a text whose case-folded form ({@link Tagger#fold}) contains none of them is not scanned.
 */
interface Anchored {

  Pattern pattern();

  List<String> anchors();

  /** Whether the pattern can match a text, given the text case-folded. */
  default boolean mayMatch(String folded) {
    return anchors().stream().anyMatch(folded::contains);
  }
}
