package io.customergraph.score;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Plain sentences for factors and scores, from a factor's value and its evidence paths. */
final class Sentences {

  private Sentences() {}

  /** "Recent engagement: Jane Doe opened an email yesterday; Jane Doe viewed /pricing 3 days ago". */
  static String factor(Feature f, double value, List<EvidencePath> evidence, Instant now) {
    String head = Character.toUpperCase(f.label().charAt(0)) + f.label().substring(1);
    if (evidence.isEmpty()) {
      return head + " (" + number(value) + ")";
    }
    List<String> parts = new ArrayList<>();
    for (EvidencePath p : evidence) {
      parts.add(event(p, now));
    }
    String measure = f.decays() ? "time-weighted " + number(value) : number(value);
    return head + " (" + measure + "): " + String.join("; ", parts);
  }

  /** An own field as a person reads it: "International plan: yes", "Customer service calls: 5", "Region: missing". */
  static String field(String field, boolean categorical, java.util.Map<String, Double> x) {
    String label = FieldSpec.label(field);
    String head = label.isEmpty() ? field : Character.toUpperCase(label.charAt(0)) + label.substring(1);
    String prefix = field + "=";
    String value = x.keySet().stream().filter(k -> k.startsWith(prefix)).map(k -> k.substring(prefix.length())).sorted().findFirst().orElse(null);
    if (!categorical && x.get(field) != null) {
      value = number(x.get(field));
    }
    return head + ": " + (value == null ? "missing" : value);
  }

  /** One evidence path as "who did what when". */
  static String event(EvidencePath p, Instant now) {
    List<EvidencePath.Step> nodes = p.nodes();
    EvidencePath.Step person = null;
    EvidencePath.Step event = null;
    for (int i = 0; i < nodes.size(); i++) {
      EvidencePath.Step s = nodes.get(i);
      if (s.label().equals("Contact")) {
        person = s;
      }
      if (i > 0 && s.at() != null) {
        event = s;
      }
    }
    EvidencePath.Step last = p.end();
    if (nodes.size() == 1) {
      EvidencePath.Step only = nodes.get(0);
      return only.displayName() + (only.detail() == null ? "" : " (" + only.detail() + ")");
    }
    if (event == null) {
      event = last;
    }
    String what = switch (event.label()) {
      case "Activity" -> activity(event);
      case "Email" -> "wrote \"" + event.displayName() + "\"";
      case "Call" -> "spoke on the call \"" + event.displayName() + "\"";
      case "Ticket" -> "ticket \"" + event.displayName() + "\"" + (event.detail() == null ? "" : " (" + event.detail().toLowerCase(Locale.ROOT) + ")");
      case "Invoice" -> event.displayName() + (event.detail() == null ? "" : " (" + event.detail().toLowerCase(Locale.ROOT) + ")");
      case "Deal" -> "deal \"" + event.displayName() + "\"" + (event.detail() == null ? "" : " " + event.detail().toLowerCase(Locale.ROOT));
      default -> event.label() + " " + event.displayName();
    };
    if (last != event && last.label().equals("Tag")) {
      what += " (" + last.displayName().toLowerCase(Locale.ROOT) + ")";
    } else if (last != event && last.label().equals("Competitor")) {
      what += " mentioning " + last.displayName();
    }
    String who = person == null || event.label().equals("Ticket") || event.label().equals("Invoice") || event.label().equals("Deal")
        ? "" : person.displayName() + " ";
    return who + what + (event.at() == null ? "" : " " + ago(event.at().toInstant(), now));
  }

  private static String activity(EvidencePath.Step s) {
    String d = s.detail() == null ? "" : s.detail().replaceFirst("^https?://[^/]+", "");
    return switch (s.displayName()) {
      case "EMAIL_OPENED" -> "opened an email";
      case "LINK_CLICKED" -> "clicked a link" + (d.isEmpty() ? "" : " to " + d);
      case "PAGE_VIEWED" -> "viewed " + (d.isEmpty() ? "a page" : d);
      case "CONTENT_DOWNLOADED" -> "downloaded " + (d.isEmpty() ? "content" : "\"" + d + "\"");
      case "FORM_SUBMITTED" -> "submitted a form" + (d.isEmpty() ? "" : " (" + d + ")");
      default -> s.displayName().toLowerCase(Locale.ROOT).replace('_', ' ');
    };
  }

  static String ago(Instant at, Instant now) {
    if (at.isAfter(now)) {
      return "later";
    }
    // Calendar days (UTC), as people count them: something at 23:00 last night was yesterday.
    long days = java.time.temporal.ChronoUnit.DAYS.between(
        at.atZone(java.time.ZoneOffset.UTC).toLocalDate(), now.atZone(java.time.ZoneOffset.UTC).toLocalDate());
    if (days == 0) {
      return "today";
    }
    if (days == 1) {
      return "yesterday";
    }
    if (days < 14) {
      return days + " days ago";
    }
    if (days < 60) {
      return (days / 7) + " weeks ago";
    }
    return (days / 30) + " months ago";
  }

  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.2f", v);
  }

  /** "High (A, 0.82) because …; held back by …". */
  static String summary(String band, double p, List<Score.Factor> up, List<Score.Factor> down, Instant now) {
    String level = switch (band) {
      case "A" -> "High";
      case "B" -> "Fairly high";
      case "C" -> "Fairly low";
      default -> "Low";
    };
    StringBuilder s = new StringBuilder(level).append(String.format(Locale.ROOT, " (%s, %.2f)", band, p));
    java.util.Set<String> told = new java.util.HashSet<>();
    // Each level of a category learnt by the straight line is a factor of its own, all saying the entity's one value
    // ("Contract: Month-to-month"), and a pair's shape says its fields again ("International plan: Yes with Total intl
    // calls: 2" beside "International plan: Yes"): what one brief already says is not said twice.
    List<String> ups = new ArrayList<>();
    for (int i = 0; i < up.size() && ups.size() < 2; i++) {
      String b = brief(up.get(i), now, told);
      if (ups.stream().noneMatch(u -> u.contains(b) || b.contains(u))) {
        ups.add(b);
      }
    }
    if (!ups.isEmpty()) {
      s.append(" because ").append(String.join(" and ", ups));
    }
    down.stream().map(f -> brief(f, now, told)).filter(b -> ups.stream().noneMatch(u -> u.contains(b) || b.contains(u))).findFirst()
        .ifPresent(b -> s.append(ups.isEmpty() ? " because " : "; against it: ").append(b));
    return s.toString();
  }

  /** A factor in a few words: its strongest piece of evidence and what it is ("Jane viewed /pricing yesterday (interest in pricing)"). */
  private static String brief(Score.Factor f, Instant now, java.util.Set<String> told) {
    // The same event can be evidence of two factors (a pricing view is engagement too): tell each event once.
    for (EvidencePath p : f.evidence()) {
      if (told.add(p.end().id())) {
        return event(p, now) + " (" + f.label() + ")";
      }
    }
    // An own field says its value in its sentence ("Contract: Month-to-month"); its number is a one-hot 1 or a bin.
    return f.feature().startsWith("field_") ? f.sentence().replace(" and ", " with ") : f.label() + " (" + number(f.value()) + ")";
  }

}
