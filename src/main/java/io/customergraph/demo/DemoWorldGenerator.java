package io.customergraph.demo;

import io.customergraph.demo.DemoWorld.AccountTruth;
import io.customergraph.demo.DemoWorld.DealTruth;
import io.customergraph.demo.DemoWorld.DuplicateGroup;
import io.customergraph.demo.Vocabulary.Country;
import io.customergraph.demo.Vocabulary.Title;
import io.customergraph.graph.Ids;
import io.customergraph.graph.NodeKind;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Generates a demo world from a seed, an account count and an anchor date ("today" of the world). The same three
 * give the same world, byte for byte.
 *
 * <p>Each account has hidden state: customers a <em>health</em>, prospects an <em>intent</em>. What can be seen is
 * drawn from it the way it happens in life: unhappy customers raise more and angrier tickets, pay late, mention
 * competitors and go quiet; prospects ready to buy look at pricing, download case studies and ask for meetings. What
 * is going to happen (churn, purchase, deal won) is drawn from the same hidden state and kept only in {@link
 * DemoWorld.Truth}, so later capabilities can be measured against it without having been told it.
 *
 * <p>About one contact in ten and one account in sixteen is recorded twice, the way a second system would record
 * it: a nickname, a typo, capitals, "Last, First", a spelled-out legal suffix, another email address. The copies
 * carry part of the engagement, as they do in real CRMs.
 */
public final class DemoWorldGenerator {

  /** Share of contacts recorded a second time. */
  private static final double CONTACT_DUPLICATE_RATE = 0.10;
  /** Share of accounts recorded a second time. */
  private static final double ACCOUNT_DUPLICATE_RATE = 0.06;

  private final Rng rng;
  private final long seed;
  private final LocalDate anchor;
  private final ZonedDateTime now;

  private final List<Map<String, Object>> accounts = new ArrayList<>();
  private final List<Map<String, Object>> contacts = new ArrayList<>();
  private final List<Map<String, Object>> emails = new ArrayList<>();
  private final List<Map<String, Object>> calls = new ArrayList<>();
  private final List<Map<String, Object>> tickets = new ArrayList<>();
  private final List<Map<String, Object>> invoices = new ArrayList<>();
  private final List<Map<String, Object>> deals = new ArrayList<>();
  private final List<Map<String, Object>> activities = new ArrayList<>();
  private final List<Map<String, Object>> competitors = new ArrayList<>();
  private final List<DuplicateGroup> duplicates = new ArrayList<>();
  private final List<AccountTruth> accountTruth = new ArrayList<>();
  private final List<DealTruth> dealTruth = new ArrayList<>();
  private final Set<String> usedEmailIds = new HashSet<>();
  private int invoiceNumber = 1000;

  private DemoWorldGenerator(long seed, LocalDate anchor) {
    this.rng = new Rng(seed);
    this.seed = seed;
    this.anchor = anchor;
    this.now = anchor.atStartOfDay(ZoneOffset.UTC);
  }

  /** The competitors of the demo world, with their aliases: also the default list of evaluations. */
  public static Map<String, List<String>> competitors() {
    return Vocabulary.COMPETITORS;
  }

  /** Our own products in the demo world: never a competitor mention. */
  public static List<String> products() {
    return Vocabulary.PRODUCTS;
  }

  /** Generates a world of {@code accountCount} accounts (plus their planted duplicates). */
  public static DemoWorld generate(long seed, int accountCount, LocalDate anchor) {
    if (accountCount < 1) {
      throw new IllegalArgumentException("accountCount must be at least 1, got " + accountCount);
    }
    return new DemoWorldGenerator(seed, anchor).build(accountCount);
  }

  private DemoWorld build(int accountCount) {
    Vocabulary.COMPETITORS.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              Map<String, Object> props = new LinkedHashMap<>();
              props.put("name", e.getKey());
              props.put("aliases", e.getValue());
              competitors.add(row(Ids.of(NodeKind.COMPETITOR, Ids.normalize(e.getKey())), props));
            });
    Set<String> names = new HashSet<>();
    for (int i = 0; i < accountCount; i++) {
      new AccountBuilder(i, new Rng(rng.fork()), names).build();
    }
    return new DemoWorld(
        seed, anchor, accounts, contacts, emails, calls, tickets, invoices, deals, activities, competitors,
        new DemoWorld.Truth(duplicates, accountTruth, dealTruth));
  }

  /** Builds one account and everything around it from its own random stream. */
  private final class AccountBuilder {
    private final int index;
    private final Rng r;
    private final Set<String> names;
    private final List<Person> people = new ArrayList<>();
    private String id = "";
    private String name = "";
    private String domain = "";
    private String suffix = "";
    private Country country = Vocabulary.COUNTRIES.get(0);
    private String owner = "";
    private String status = "";
    private double latent;
    private int seats;

    AccountBuilder(int index, Rng r, Set<String> names) {
      this.index = index;
      this.r = r;
      this.names = names;
    }

    void build() {
      String head;
      String tail;
      do {
        head = r.pick(Vocabulary.COMPANY_HEADS);
        tail = r.pick(Vocabulary.COMPANY_TAILS);
      } while (!names.add(head + " " + tail) && names.size() < Vocabulary.COMPANY_HEADS.size() * Vocabulary.COMPANY_TAILS.size());
      String base = names.size() >= Vocabulary.COMPANY_HEADS.size() * Vocabulary.COMPANY_TAILS.size() ? head + " " + tail + " " + index : head + " " + tail;
      suffix = r.pick(Vocabulary.SUFFIXES);
      name = suffix.isEmpty() ? base : base + " " + suffix;
      country = pickCountry();
      domain = ascii(base).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + "." + country.tld();
      id = Ids.of(NodeKind.ACCOUNT, "demo", Long.toString(seed), Integer.toString(index));
      owner = r.pick(Vocabulary.REPS);
      double roll = r.uniform();
      status = roll < 0.45 ? "CUSTOMER" : roll < 0.95 ? "PROSPECT" : "CHURNED";
      latent = r.uniform();
      int employees = (int) Math.max(5, Math.min(50_000, Math.round(Math.exp(5 + 1.5 * r.gaussian()))));
      seats = Math.max(5, Math.min(500, employees / 10));
      ZonedDateTime created = at(r.between(120, 900));

      Map<String, Object> props = new LinkedHashMap<>();
      props.put("name", name);
      props.put("nameSort", Ids.normalize(name));
      props.put("domain", domain);
      props.put("industry", r.pick(Vocabulary.INDUSTRIES));
      props.put("employees", employees);
      props.put("country", country.code());
      props.put("status", status);
      props.put("owner", owner);
      props.put("createdAt", created);
      props.put("updatedAt", created);
      accounts.add(row(id, props));

      boolean customer = status.equals("CUSTOMER");
      Boolean willChurn = customer ? (latent < 0.3 ? r.chance(0.8) : r.chance(0.05)) : null;
      Boolean willBuy = status.equals("PROSPECT") ? (latent > 0.6 ? r.chance(0.85) : r.chance(0.1)) : null;
      accountTruth.add(
          new AccountTruth(id, name, status, customer ? latent : null, status.equals("PROSPECT") ? latent : null, willChurn, willBuy));

      int contactCount = Math.min(12, 2 + r.poisson(Math.log10(employees) * 1.5));
      for (int c = 0; c < contactCount; c++) {
        people.add(person(c));
      }
      String duplicateAccountId = r.chance(ACCOUNT_DUPLICATE_RATE) ? duplicateAccount(props, created) : null;
      List<Person> copies = new ArrayList<>();
      for (Person p : people) {
        if (r.chance(CONTACT_DUPLICATE_RATE) || (duplicateAccountId != null && copies.isEmpty())) {
          copies.add(duplicatePerson(p, duplicateAccountId != null ? duplicateAccountId : id));
        }
      }
      for (Person p : people) {
        emailsOf(p);
        activitiesOf(p);
      }
      // A copy carries part of the engagement, as when a second system logs the same person.
      for (Person copy : copies) {
        emailsOf(copy);
        activitiesOf(copy);
      }
      callsOf();
      if (!status.equals("PROSPECT")) {
        ticketsOf();
        invoicesOf();
      }
      dealsOf();
    }

    private Country pickCountry() {
      double roll = r.uniform();
      double sum = 0;
      for (Country c : Vocabulary.COUNTRIES) {
        sum += c.weight();
        if (roll < sum) {
          return c;
        }
      }
      return Vocabulary.COUNTRIES.get(0);
    }

    /** How engaged the people of this account are, 0..1, from the hidden state. */
    private double engagement() {
      return switch (status) {
        case "CUSTOMER" -> 0.25 + 0.75 * latent;
        case "PROSPECT" -> 0.1 + 0.9 * latent;
        default -> 0.05;
      };
    }

    private boolean unhappy() {
      return status.equals("CUSTOMER") && latent < 0.35;
    }

    private boolean eager() {
      return status.equals("PROSPECT") && latent > 0.6;
    }

    private Person person(int c) {
      String first;
      String last;
      do {
        first = r.pick(Vocabulary.FIRST_NAMES);
        last = r.pick(Vocabulary.LAST_NAMES);
      } while (hasPerson(first, last));
      Title title = c == 0 ? Vocabulary.TITLES.get(r.between(0, 4)) : r.pick(Vocabulary.TITLES);
      String email = (ascii(first) + "." + ascii(last)).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "") + "@" + domain;
      String phone = country.dial() + " " + r.between(200, 989) + " " + r.between(100, 999) + " " + r.between(1000, 9999);
      String contactId = Ids.of(NodeKind.CONTACT, "demo", Long.toString(seed), id, Integer.toString(c));
      Person p = new Person(contactId, first, last, first + " " + last, email, phone, title, id);
      contacts.add(row(contactId, contactProps(p, title.title())));
      return p;
    }

    private boolean hasPerson(String first, String last) {
      return people.stream().anyMatch(p -> p.first().equals(first) && p.last().equals(last));
    }

    private Map<String, Object> contactProps(Person p, String title) {
      Map<String, Object> props = new LinkedHashMap<>();
      props.put("name", p.name());
      props.put("nameSort", Ids.normalize(p.name()));
      props.put("email", p.email());
      props.put("phone", p.phone());
      props.put("title", title);
      props.put("timeZone", country.zone());
      // Consent from a hash of the id, not from the random stream, so adding it reshuffled nothing else: about one
      // person in ten has not given marketing consent and one in fifty asked not to be contacted.
      int h = Math.floorMod(p.id().hashCode(), 100);
      props.put("consentMarketing", h >= 10);
      props.put("doNotContact", h == 42);
      ZonedDateTime created = at(r.between(30, 700));
      props.put("createdAt", created);
      props.put("updatedAt", created);
      props.put("accountId", p.accountId());
      return props;
    }

    private String duplicateAccount(Map<String, Object> original, ZonedDateTime created) {
      String base = name.substring(0, name.length() - suffix.length()).strip();
      String variant =
          switch (r.between(0, 2)) {
            case 0 -> (base + " " + Vocabulary.SUFFIX_LONG.get(suffix)).strip().toUpperCase(Locale.ROOT);
            case 1 -> (base + " " + Vocabulary.SUFFIX_LONG.get(suffix)).strip();
            default -> base.toLowerCase(Locale.ROOT) + (suffix.isEmpty() ? "" : ", " + suffix.toLowerCase(Locale.ROOT) + ".");
          };
      String copyId = Ids.of(NodeKind.ACCOUNT, "demo", Long.toString(seed), Integer.toString(index), "copy");
      Map<String, Object> props = new LinkedHashMap<>(original);
      props.put("name", variant);
      props.put("nameSort", Ids.normalize(variant));
      props.put("domain", r.chance(0.5) ? domain : null);
      props.put("employees", null);
      props.put("createdAt", created.plusDays(r.between(1, 60)));
      props.put("updatedAt", props.get("createdAt"));
      accounts.add(row(copyId, props));
      duplicates.add(new DuplicateGroup("Account", id, copyId, "name '" + name + "' recorded as '" + variant + "'"));
      return copyId;
    }

    private Person duplicatePerson(Person p, String accountId) {
      String nick = Vocabulary.NICKNAMES.get(p.first());
      String variation;
      String name;
      int kind = r.between(0, 3);
      if (kind == 0 && nick != null) {
        name = nick + " " + p.last();
        variation = "nickname";
      } else if (kind == 1) {
        name = p.last() + ", " + p.first() + " " + (char) ('A' + r.between(0, 25)) + ".";
        variation = "'Last, First M.' order";
      } else if (kind == 2) {
        name = p.name().toUpperCase(Locale.ROOT);
        variation = "capitals";
      } else {
        name = typo(p.name());
        variation = "typo";
      }
      String email =
          switch (r.between(0, 2)) {
            case 0 -> p.email().toUpperCase(Locale.ROOT);
            case 1 -> (ascii(p.first()).substring(0, 1) + ascii(p.last())).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + "@" + domain;
            default -> null;
          };
      String copyId = Ids.of(NodeKind.CONTACT, p.id(), "copy");
      Person copy = new Person(copyId, p.first(), p.last(), name, email == null ? "" : email, r.chance(0.5) ? p.phone() : "", p.title(), accountId);
      Map<String, Object> props = contactProps(copy, r.chance(0.5) ? p.title().abbreviated() : p.title().title());
      props.put("email", email);
      props.put("phone", copy.phone().isEmpty() ? null : copy.phone());
      contacts.add(row(copyId, props));
      duplicates.add(new DuplicateGroup("Contact", p.id(), copyId, variation + ": '" + p.name() + "' recorded as '" + name + "'" + (email == null ? ", no email" : ", email " + email)));
      return copy;
    }

    private String typo(String s) {
      int i = r.between(1, s.length() - 2);
      if (s.charAt(i) == ' ' || s.charAt(i + 1) == ' ') {
        return s.substring(0, i) + s.substring(i + 1);
      }
      return s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2);
    }

    private void emailsOf(Person p) {
      int n = r.poisson(engagement() * 5);
      for (int k = 0; k < n; k++) {
        double back = r.daysBack(eager() ? 20 : unhappy() ? 45 : 35, 180);
        boolean inbound = r.chance(0.45);
        String[] template;
        String competitor = null;
        if (!inbound) {
          template = r.pick(Vocabulary.OUTBOUND);
        } else if (unhappy() && r.chance(0.45)) {
          template = r.pick(Vocabulary.FRUSTRATED_INBOUND);
        } else if ((unhappy() || (status.equals("PROSPECT") && latent < 0.4)) && r.chance(0.25)) {
          template = r.pick(Vocabulary.COMPETITOR_INBOUND);
          competitor = r.pick(List.copyOf(new java.util.TreeSet<>(Vocabulary.COMPETITORS.keySet())));
        } else if (status.equals("PROSPECT") && latent < 0.3 && r.chance(0.3)) {
          template = r.pick(Vocabulary.BUDGET_INBOUND);
        } else if (eager() && r.chance(0.5)) {
          template = r.chance(0.5) ? r.pick(Vocabulary.PRICING_INBOUND) : r.pick(Vocabulary.MEETING_INBOUND);
        } else {
          template = r.pick(Vocabulary.NEUTRAL_INBOUND);
        }
        String emailId = Ids.of(NodeKind.EMAIL, p.id(), Integer.toString(k));
        if (!usedEmailIds.add(emailId)) {
          continue;
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("messageId", "<" + emailId.substring(4) + "@demo.customergraph.invalid>");
        props.put("subject", fill(template[0], p, competitor));
        props.put("body", fill(template[1], p, competitor));
        props.put("occurredAt", at(back));
        props.put("direction", inbound ? "INBOUND" : "OUTBOUND");
        props.put("owner", owner);
        Map<String, Object> e = row(emailId, props);
        List<String> cc = new ArrayList<>();
        if (people.size() > 1 && r.chance(0.2)) {
          Person other = r.pick(people);
          if (!other.id().equals(p.id())) {
            cc.add(other.id());
          }
        }
        e.put("fromId", inbound ? p.id() : null);
        e.put("toIds", inbound ? List.of() : List.of(p.id()));
        e.put("ccIds", cc);
        emails.add(e);
      }
    }

    private void activitiesOf(Person p) {
      int n = r.poisson(engagement() * (status.equals("PROSPECT") ? 9 : 6));
      for (int k = 0; k < n; k++) {
        double back = r.daysBack(eager() ? 7 : 30, 90);
        double roll = r.uniform();
        String type;
        String url = null;
        String content = null;
        if (roll < 0.4) {
          type = "EMAIL_OPENED";
        } else if (roll < 0.7) {
          type = "PAGE_VIEWED";
          url = (eager() && r.chance(0.5)) || r.chance(0.1) ? "/pricing" : r.pick(Vocabulary.PAGES);
        } else if (roll < 0.85) {
          type = "LINK_CLICKED";
          url = r.pick(Vocabulary.PAGES);
        } else if (roll < 0.95 || !eager()) {
          type = "CONTENT_DOWNLOADED";
          content = r.pick(Vocabulary.CONTENT);
          url = "/resources/" + Ids.normalize(content).replace(' ', '-').replaceAll("[^a-z0-9-]", "");
        } else {
          type = "FORM_SUBMITTED";
          url = "/demo-request";
        }
        String activityId = Ids.of(NodeKind.ACTIVITY, p.id(), Integer.toString(k));
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("type", type);
        props.put("occurredAt", at(back));
        props.put("url", url == null ? null : "https://www.customergraph.invalid" + url);
        props.put("campaign", type.equals("EMAIL_OPENED") || type.equals("LINK_CLICKED") ? r.pick(Vocabulary.CAMPAIGNS) : null);
        props.put("content", content);
        Map<String, Object> a = row(activityId, props);
        a.put("contactId", p.id());
        activities.add(a);
      }
    }

    private void callsOf() {
      int n = r.poisson(engagement() * 2.5);
      for (int k = 0; k < n; k++) {
        List<String> participants = new ArrayList<>();
        int count = Math.min(people.size(), r.between(1, 3));
        for (Person p : people.subList(0, count)) {
          participants.add(p.id());
        }
        Person lead = people.get(0);
        String topic = unhappy() ? "Escalation review" : eager() ? "Pricing and rollout discussion" : r.pick(List.of("Quarterly business review", "Discovery call", "Onboarding check-in"));
        String transcript =
            owner + ": Thanks for joining, " + lead.first() + ". How are things going at " + name + "?\n"
                + lead.first() + ": "
                + (unhappy()
                    ? "Honestly, not great. The outages last month hurt us and the team is frustrated."
                    : eager()
                        ? "Good. We'd like to understand pricing for the whole sales team and a timeline to roll out."
                        : "Fine overall. A few questions about reporting, nothing urgent.")
                + "\n" + owner + ": Understood. Let me follow up in writing.";
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("title", topic + " with " + name);
        props.put("occurredAt", at(r.daysBack(40, 180)));
        props.put("durationSeconds", r.between(10, 60) * 60);
        props.put("direction", r.chance(0.7) ? "OUTBOUND" : "INBOUND");
        props.put("owner", owner);
        props.put("transcript", transcript);
        Map<String, Object> c = row(Ids.of(NodeKind.CALL, id, Integer.toString(k)), props);
        c.put("participantIds", participants);
        calls.add(c);
      }
    }

    private void ticketsOf() {
      double mean = status.equals("CHURNED") ? 1 : 0.5 + (1 - latent) * 4;
      int n = r.poisson(mean);
      for (int k = 0; k < n; k++) {
        boolean severe = r.chance(unhappy() ? 0.6 : 0.15);
        String[] t = severe ? r.pick(Vocabulary.TICKETS_SEVERE) : r.pick(Vocabulary.TICKETS_ROUTINE);
        double back = r.daysBack(unhappy() ? 25 : 60, 365);
        ZonedDateTime created = at(back);
        boolean open = back < 14 ? r.chance(0.7) : back < 60 ? r.chance(unhappy() ? 0.4 : 0.1) : false;
        String priority = severe ? (r.chance(0.4) ? "URGENT" : "HIGH") : (r.chance(0.3) ? "LOW" : "NORMAL");
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("subject", t[0]);
        props.put("description", t[1]);
        props.put("status", open ? (r.chance(0.3) ? "PENDING" : "OPEN") : (r.chance(0.5) ? "SOLVED" : "CLOSED"));
        props.put("priority", priority);
        props.put("occurredAt", created);
        ZonedDateTime solved = open ? null : min(created.plusHours(r.between(2, 24 * 10)), now);
        props.put("updatedAt", solved == null ? min(created.plusHours(r.between(1, 48)), now) : solved);
        props.put("solvedAt", solved);
        Map<String, Object> ticket = row(Ids.of(NodeKind.TICKET, id, Integer.toString(k)), props);
        ticket.put("requesterId", r.pick(people).id());
        ticket.put("accountId", id);
        tickets.add(ticket);
      }
    }

    private void invoicesOf() {
      double monthly = Math.round(seats * (status.equals("CHURNED") ? 40 : 55) * 100) / 100.0;
      int months = status.equals("CHURNED") ? 6 : 12;
      int skipRecent = status.equals("CHURNED") ? r.between(3, 6) : 0;
      for (int m = months - 1; m >= skipRecent; m--) {
        ZonedDateTime issued = now.minusMonths(m).withDayOfMonth(1).minusMonths(0);
        if (!issued.isBefore(now)) {
          continue;
        }
        ZonedDateTime due = issued.plusDays(30);
        String invoiceStatus = "OPEN";
        ZonedDateTime paid = null;
        boolean lateRisk = unhappy() && m < 3;
        if (lateRisk && r.chance(0.15)) {
          invoiceStatus = "DISPUTED";
        } else if (!(lateRisk && r.chance(0.6)) && due.plusDays(-10).isBefore(now)) {
          paid = min(issued.plusDays(r.between(5, unhappy() ? 50 : 32)), now.minusHours(1));
          invoiceStatus = "PAID";
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("number", "INV-" + issued.getYear() + "-" + (++invoiceNumber));
        props.put("amount", monthly);
        props.put("currency", country.currency());
        props.put("occurredAt", issued);
        props.put("dueAt", due);
        props.put("paidAt", paid);
        props.put("status", invoiceStatus);
        Map<String, Object> inv = row(Ids.of(NodeKind.INVOICE, id, Integer.toString(m)), props);
        inv.put("accountId", id);
        invoices.add(inv);
      }
    }

    private void dealsOf() {
      List<String> stages = List.of("PROSPECTING", "ENGAGING", "PROPOSAL", "NEGOTIATION");
      int n =
          switch (status) {
            case "CUSTOMER" -> 1 + (r.chance(0.5) ? 1 : 0);
            case "PROSPECT" -> r.between(0, 2);
            default -> 1;
          };
      for (int k = 0; k < n; k++) {
        boolean first = k == 0;
        boolean closed;
        boolean won;
        if (status.equals("CUSTOMER") && first) {
          closed = true;
          won = true;
        } else if (status.equals("CHURNED")) {
          closed = true;
          won = true;
        } else {
          closed = r.chance(status.equals("PROSPECT") ? 0.35 : 0.2);
          double p = status.equals("PROSPECT") ? 0.15 + 0.75 * latent : 0.3 + 0.6 * latent;
          won = r.chance(p);
        }
        int reached = closed ? r.between(won ? 3 : 1, 4) : r.between(1, eager() ? 4 : 3);
        double startBack = closed ? r.between(120, 700) : r.between(10, 150);
        ZonedDateTime t = at(startBack);
        List<String> names = new ArrayList<>();
        List<ZonedDateTime> times = new ArrayList<>();
        for (int s = 0; s < reached; s++) {
          names.add(stages.get(s));
          times.add(t);
          t = min(t.plusDays(r.between(5, 40)), now.minusHours(1));
        }
        if (closed) {
          names.add(won ? "WON" : "LOST");
          times.add(t);
        }
        String stage = names.get(names.size() - 1);
        String product = r.pick(Vocabulary.PRODUCTS);
        String dealName = name + " – " + product + (k > 0 ? (status.equals("CUSTOMER") ? " expansion" : " " + (k + 1)) : "");
        double amount = Math.round(seats * 12 * (product.equals("Graph Enterprise") ? 110 : product.equals("Graph Pro") ? 70 : 35) * (0.8 + 0.4 * r.uniform()));
        String dealId = Ids.of(NodeKind.DEAL, id, Integer.toString(k));
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("name", dealName);
        props.put("nameSort", Ids.normalize(dealName));
        props.put("amount", amount);
        props.put("currency", country.currency());
        props.put("stage", stage);
        props.put("owner", owner);
        props.put("product", product);
        props.put("occurredAt", times.get(0));
        props.put("createdAt", times.get(0));
        props.put("closeDate", closed ? times.get(times.size() - 1).toLocalDate() : anchor.plusDays(r.between(10, 120)));
        props.put("closedAt", closed ? times.get(times.size() - 1) : null);
        props.put("stageNames", names);
        props.put("stageEnteredAt", times);
        Map<String, Object> d = row(dealId, props);
        d.put("accountId", id);
        deals.add(d);
        boolean fate = closed ? won : status.equals("PROSPECT") ? Boolean.TRUE.equals(lastTruth().willBuy()) && r.chance(0.9) : r.chance(0.3 + 0.6 * latent);
        dealTruth.add(new DealTruth(dealId, id, stage, fate));
      }
    }

    private AccountTruth lastTruth() {
      return accountTruth.get(accountTruth.size() - 1);
    }

    private String fill(String template, Person p, @Nullable String competitor) {
      return template
          .replace("{first}", p.first())
          .replace("{company}", name)
          .replace("{rep}", owner.substring(0, owner.indexOf(' ')))
          .replace("{product}", r.pick(Vocabulary.PRODUCTS))
          .replace("{competitor}", competitor == null ? "another vendor" : competitor);
    }
  }

  private record Person(
      String id, String first, String last, String name, String email, String phone, Title title, String accountId) {}

  private ZonedDateTime at(double daysBack) {
    return now.minusSeconds(Math.round(daysBack * 86_400)).withNano(0);
  }

  private static ZonedDateTime min(ZonedDateTime a, ZonedDateTime b) {
    return a.isBefore(b) ? a : b;
  }

  private static Map<String, Object> row(String id, Map<String, Object> props) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", id);
    Object accountId = props.remove("accountId");
    if (accountId != null) {
      row.put("accountId", accountId);
    }
    row.put("props", props);
    return row;
  }

  private static String ascii(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "").replace("'", "").replace(" ", "");
  }
}
