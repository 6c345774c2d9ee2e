package io.customergraph.language;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data and other identifiers with placeholder words before text is used for training, so that
 * addresses, phone numbers, links and account numbers never become vocabulary. The placeholders are plain lower-case
 * words ({@code xxemailxx}) because the tokenizer strips punctuation: "&lt;email&gt;" would become the real word "email".
 */
public final class Placeholders {

  public static final String EMAIL = "xxemailxx";
  public static final String PHONE = "xxphonexx";
  public static final String URL = "xxurlxx";
  public static final String NUMBER = "xxnumberxx";
  public static final String IDENTIFIER = "xxidxx";

  /** Any token with an @: RFC addresses and Lotus Notes ones alike ("Jeff Dasovich/NA/Enron@Enron"). */
  private static final Pattern EMAILS = Pattern.compile("[^\\s<>\"'(),;]+@[^\\s<>\"'(),;]+");
  private static final Pattern URLS = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
  /** The value after a label that introduces an identifier or a secret ("Login ID: pallen", "Password: …"). */
  private static final Pattern LABELLED =
      Pattern.compile("(?i)\\b(login(?: id)?|user(?: ?id|name)?|password|passcode|pin|account (?:no|number|#)|customer (?:no|number|id))(\\s*[:=#]\\s*)\\S+");
  /** X.500 directory names of mail systems ("/O=ENRON/OU=NA/CN=RECIPIENTS/CN=PALLEN"): the last part is a login. */
  private static final Pattern DIRECTORY = Pattern.compile("(?i)(?:/?\\b(?:O|OU|CN|DC)=[^\\s/>,;]+)+");
  /** Any run of digits left after phones: amounts, invoice and account numbers, dates. */
  private static final Pattern DIGITS = Pattern.compile("\\d[\\d,./:-]*");

  private Placeholders() {}

  /** The local part of an address, when it names a person rather than a role and is long enough to be specific. */
  public static java.util.Optional<String> identifierOf(String email) {
    int at = email.indexOf('@');
    String local = (at < 0 ? email : email.substring(0, at)).toLowerCase(java.util.Locale.ROOT);
    // Three letters and more: shorter local parts ("jo", "ed") are common words and carry little identity.
    return local.length() < 3 || ROLE_WORDS.contains(local) ? java.util.Optional.empty() : java.util.Optional.of(local);
  }

  /**
   * Mailbox names that are roles, not people ("sales@", "prices@"): they are ordinary words and must stay, or the
   * vocabulary would lose "sales" and "prices".
   */
  static final Set<String> ROLE_WORDS =
      Set.of("info", "sales", "support", "admin", "contact", "hello", "billing", "prices", "price", "news", "newsletter",
          "noreply", "office", "team", "help", "service", "marketing", "jobs", "hr", "mail", "enquiries", "orders");

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}._'-]+");

  /** The text with identifiers replaced. */
  public static String scrub(String text, String phoneRegion) {
    return scrub(text, phoneRegion, Set.of());
  }

  /**
   * The text with identifiers replaced, including the given known identifiers (lower case) wherever they stand as a
   * whole word: the local parts of known people's addresses, which turn up in prose ("username of pallen").
   */
  public static String scrub(String text, String phoneRegion, Set<String> known) {
    String t = EMAILS.matcher(text).replaceAll(" " + EMAIL + " ");
    if (!known.isEmpty()) {
      Matcher m = WORD.matcher(t);
      StringBuilder sb = new StringBuilder(t.length());
      while (m.find()) {
        String w = m.group().toLowerCase(java.util.Locale.ROOT).replaceAll("^['._-]+|['._-]+$", "");
        m.appendReplacement(sb, known.contains(w) || known.contains(w.replaceAll("\\d+$", "")) ? " " + IDENTIFIER + " " : Matcher.quoteReplacement(m.group()));
      }
      m.appendTail(sb);
      t = sb.toString();
    }
    t = LABELLED.matcher(t).replaceAll("$1$2 " + IDENTIFIER);
    t = DIRECTORY.matcher(t).replaceAll(" " + IDENTIFIER + " ");
    t = URLS.matcher(t).replaceAll(" " + URL + " ");
    List<int[]> phones = new ArrayList<>();
    for (PhoneNumberMatch m : PhoneNumberUtil.getInstance().findNumbers(t, phoneRegion)) {
      phones.add(new int[] {m.start(), m.end()});
    }
    StringBuilder out = new StringBuilder(t.length());
    int at = 0;
    for (int[] p : phones) {
      out.append(t, at, p[0]).append(' ').append(PHONE).append(' ');
      at = p[1];
    }
    out.append(t.substring(at));
    return DIGITS.matcher(out).replaceAll(" " + NUMBER + " ");
  }
}
