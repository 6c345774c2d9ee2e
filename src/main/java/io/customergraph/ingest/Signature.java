package io.customergraph.ingest;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Iterator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a signature block says about its author.
 *
 * @param name first line when it reads as a name
 * @param title a line with a job-title word
 * @param phone the first phone number, E.164
 * @param company a line with a legal-form suffix (Inc, Corp, GmbH…)
 */
public record Signature(@Nullable String name, @Nullable String title, @Nullable String phone, @Nullable String company) {

  private static final Pattern TITLE =
      Pattern.compile(
          ".*\\b(CEO|CFO|CTO|COO|VP|SVP|EVP|President|Vice President|Director|Manager|Head of|Chief|Engineer|Analyst|Trader|Specialist|Consultant|Officer|Lead|Coordinator|Associate|Partner|Executive|Representative|Administrator)\\b.*");
  private static final Pattern COMPANY =
      Pattern.compile(".*\\b(Inc|Corp|Corporation|LLC|Ltd|Limited|GmbH|AG|SA|S\\.A\\.|plc|Co|Company|Group|L\\.P\\.|LP)\\b\\.?\\s*$");
  private static final Pattern NAME = Pattern.compile("^[\\p{Lu}][\\p{L}'.-]*(\\s+[\\p{Lu}][\\p{L}'.-]*){0,3}$");

  /** Reads a signature block. */
  public static Signature parse(@Nullable String block, String defaultRegion) {
    if (block == null || block.isBlank()) {
      return new Signature(null, null, null, null);
    }
    String name = null;
    String title = null;
    String company = null;
    String[] lines = block.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      if (l.isEmpty()) {
        continue;
      }
      if (i == 0 && NAME.matcher(l).matches() && !TITLE.matcher(l).matches() && !COMPANY.matcher(l).matches()) {
        name = l;
      } else if (title == null && TITLE.matcher(l).matches() && l.length() <= 60) {
        title = l;
      } else if (company == null && COMPANY.matcher(l).matches() && l.length() <= 60) {
        company = l;
      }
    }
    String phone = null;
    Iterator<PhoneNumberMatch> matches = PhoneNumberUtil.getInstance().findNumbers(block, defaultRegion).iterator();
    if (matches.hasNext()) {
      phone = PhoneNumberUtil.getInstance().format(matches.next().number(), PhoneNumberUtil.PhoneNumberFormat.E164);
    }
    return new Signature(name, title, phone, company);
  }
}
