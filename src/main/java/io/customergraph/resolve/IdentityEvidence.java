package io.customergraph.resolve;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The identity rule on top of the probability: an automatic merge needs evidence that it is the same person or
 * organisation, not only records that look alike. Fellegi-Sunter multiplies what it is told as if each field were
 * independent, and EM on thin records can learn that a different given name costs almost nothing; then a shared surname,
 * town and postcode — or two addresses one letter apart at one company ({@code sbaker@} and {@code tbaker@}) — reach
 * 0.999 for two different people. Place and organisation (address, town, postcode, company, domain of a person's
 * address) say where someone is, never who. So, whatever the probability, a pair is merged automatically only when
 *
 * <ul>
 *   <li><b>something personal agrees</b>: a name (people: given name exact, nickname, initial or within one typo, or
 *       surname exact or within one typo; organisations: the name exact, within one typo or used in the same contexts),
 *       or an identifier (people: email exact, one edit or the same local part, phone, date of birth exact or one edit,
 *       national id exact or one edit; organisations: web domain, VAT id, phone), and
 *   <li><b>no name contradicts</b> (people: given names, or surnames, both present and "different") unless an
 *       identifier agrees exactly (email, phone, national id, VAT, full date of birth) — a changed surname, or a
 *       nickname the model does not know, with nothing to confirm it is a person's call, not the resolver's.
 * </ul>
 *
 * Measured on fake_1000 (the development set), the first version asked for a name or an exact identifier and vetoed 129
 * pairs above the merge bar, all of them true (a date of birth and the same local part of an address with names
 * missing): recall 0.94 → 0.90 for no gain in precision. Dates of birth and address variants count as personal evidence
 * since. Twins (one surname, birth date and address, other given names) still merge: a known limit.
 *
 * <p>A vetoed pair goes to a person for review when its probability reaches the review bar and something personal
 * agrees; its explanation says why it was not merged. Where a name contradicts, the agreement must be an identifier
 * (an address one edit away or with the same local part, a phone, a date of birth…), not the other name: two
 * colleagues called John at one company are not a question (session 14, issue #25: 700 real messages with their
 * re-identified copies opened 3,408 reviews for 8,000 new people, nearly all "same given name, same company, other
 * surname"; a changed surname with nothing else in common cannot be told from them by the records). A pair with nothing personal in common — two addresses at one company, role mailboxes of one newsletter —
 * is not a question for a person: it stays apart (session 10: on the allen-p mailbox 24 of the 29 open reviews were
 * such pairs, and none of them one person). Turned off with {@code customer-graph.resolve.identity-evidence=false} (live graph) or
 * {@code resolve --identity-evidence false} (batch).
 */
public final class IdentityEvidence {

  private IdentityEvidence() {}

  /**
   * Why a compared pair may not be merged automatically, or null when it may.
   *
   * @param comparisons the model's comparisons
   * @param levels the pair's level per comparison ({@link Comparison#MISSING} where a side lacks the field)
   */
  public static @Nullable String veto(List<Comparison> comparisons, byte[] levels) {
    return read(comparisons, levels).veto();
  }

  /**
   * Whether nothing personal agrees (no name, no identifier; only place or organisation, or nothing to compare): such
   * a pair is not one a person is asked about.
   */
  public static boolean unsupported(List<Comparison> comparisons, byte[] levels) {
    Reading r = read(comparisons, levels);
    return !r.personal() || (r.contradiction() != null && !r.personalIdentifier());
  }

  /**
   * Whether two records contradict each other by name with no exact identifier to confirm them: a cannot-link for
   * clustering (no cluster may hold both), as opposed to a pair that merely lacks evidence of its own.
   */
  public static boolean contradicts(List<Comparison> comparisons, byte[] levels) {
    Reading r = read(comparisons, levels);
    return r.contradiction() != null && !r.exactIdentifier();
  }

  private record Reading(boolean people, boolean personal, boolean personalIdentifier, boolean exactIdentifier, boolean anyEvidenceField,
      @Nullable String contradiction) {
    @Nullable String veto() {
      if (contradiction != null && !exactIdentifier) {
        return "the %s differ and no identifier (email, phone, date of birth, national id) agrees exactly".formatted(contradiction);
      }
      if (!personal) {
        return anyEvidenceField
            ? (people ? "no name or personal identifier agrees (only place or organisation do)" : "neither the name nor an identifier (domain, VAT, phone) agrees")
            : "neither record has a name or identifier to compare";
      }
      return null;
    }
  }

  private static Reading read(List<Comparison> comparisons, byte[] levels) {
    boolean people = false;
    for (Comparison c : comparisons) {
      people |= c.field() == Field.GIVEN_NAME || c.field() == Field.SURNAME;
    }
    boolean personal = false, personalIdentifier = false, exactIdentifier = false, anyEvidenceField = false;
    String contradiction = null;
    for (int k = 0; k < levels.length; k++) {
      Comparison c = comparisons.get(k);
      int level = levels[k];
      if (level == Comparison.MISSING) {
        continue;
      }
      int last = c.levels().size() - 1;
      switch (c.field()) {
        case GIVEN_NAME -> {
          anyEvidenceField = true;
          personal |= level <= 2; // exact, nickname or initial, one typo
          if (level == last) {
            contradiction = contradiction == null ? "given names" : "given names and surnames";
          }
        }
        case SURNAME -> {
          anyEvidenceField = true;
          personal |= level <= 1; // exact, one typo
          if (level == last) {
            contradiction = contradiction == null ? "surnames" : "given names and surnames";
          }
        }
        case COMPANY -> {
          if (!people) {
            anyEvidenceField = true;
            // exact, one typo, and (where compared) used in the same contexts: every level above the weak spelling one
            personal |= level < last - 1;
          }
        }
        case EMAIL -> {
          anyEvidenceField = true;
          exactIdentifier |= level == 0;
          personal |= level <= 2; // exact, one edit, same local part at another domain
          personalIdentifier |= level <= 2;
          // A mailbox and its short form at one organisation: evidence of who, but two people may shorten alike, so
          // it does not confirm a pair whose names differ.
          personal |= c.levels().get(level).equals(Comparison.SHORT_FORM);
        }
        case PHONE, VAT -> {
          anyEvidenceField = true;
          exactIdentifier |= level == 0;
          personal |= level < last;
          personalIdentifier |= level < last;
        }
        case NATIONAL_ID, DOB -> {
          anyEvidenceField = true;
          exactIdentifier |= level == 0;
          personal |= level <= 1; // exact, one edit
          personalIdentifier |= level <= 1;
        }
        case DOMAIN -> {
          if (!people) {
            anyEvidenceField = true;
            exactIdentifier |= level == 0;
            personal |= level == 0;
            personalIdentifier |= level == 0;
          }
        }
        default -> {}
      }
    }
    return new Reading(people, personal, personalIdentifier, exactIdentifier, anyEvidenceField, contradiction);
  }
}
