package io.customergraph.demo;

import java.util.List;
import java.util.Map;

/** Word lists of the demo world. Every company, person and message in it is invented. */
final class Vocabulary {
  private Vocabulary() {}

  static final List<String> COMPANY_HEADS =
      List.of(
          "Acme", "Globex", "Initech", "Umbrella", "Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Vandelay",
          "Soylent", "Hooli", "Pied Piper", "Stark", "Wayne", "Cyberdyne", "Tyrell", "Wonka", "Gringotts", "Oscorp",
          "Massive Dynamic", "Aperture", "Black Mesa", "Blue Sun", "Monarch", "Dunder", "Sterling", "Prestige", "Zenith",
          "Nimbus", "Orbital", "Polaris", "Quantum", "Redwood", "Silverline", "Summit", "Trident", "Vertex", "Willow",
          "Yellowstone", "Bluebird", "Cobalt", "Evergreen", "Falcon", "Granite", "Harbor", "Ironclad", "Juniper",
          "Keystone", "Lighthouse", "Meridian", "Nova", "Oakridge", "Pinnacle", "Riverstone", "Sapphire", "Tundra",
          "Unity", "Vanguard", "Westfield");

  static final List<String> COMPANY_TAILS =
      List.of(
          "Systems", "Labs", "Logistics", "Foods", "Health", "Energy", "Analytics", "Robotics", "Media", "Retail",
          "Capital", "Software", "Manufacturing", "Networks", "Pharma", "Travel", "Insurance", "Biotech", "Motors",
          "Consulting");

  static final List<String> INDUSTRIES =
      List.of(
          "Software", "Retail", "Manufacturing", "Healthcare", "Financial Services", "Logistics", "Energy", "Media",
          "Telecommunications", "Education");

  /** Country, weight, top-level domain, time zone, currency, phone prefix. */
  record Country(String code, double weight, String tld, String zone, String currency, String dial) {}

  static final List<Country> COUNTRIES =
      List.of(
          new Country("US", 0.40, "com", "America/New_York", "USD", "+1"),
          new Country("GB", 0.15, "co.uk", "Europe/London", "GBP", "+44"),
          new Country("DE", 0.15, "de", "Europe/Berlin", "EUR", "+49"),
          new Country("FR", 0.08, "fr", "Europe/Paris", "EUR", "+33"),
          new Country("NL", 0.07, "nl", "Europe/Amsterdam", "EUR", "+31"),
          new Country("CA", 0.07, "ca", "America/Toronto", "USD", "+1"),
          new Country("AU", 0.05, "com.au", "Australia/Sydney", "USD", "+61"),
          new Country("SE", 0.03, "se", "Europe/Stockholm", "EUR", "+46"));

  static final List<String> SUFFIXES = List.of("Inc", "Corp", "Ltd", "GmbH", "LLC", "AG", "SA", "", "", "");

  /** How a legal suffix is spelled out in a duplicate ("Acme Corp" becomes "ACME Corporation"). */
  static final Map<String, String> SUFFIX_LONG =
      Map.of(
          "Inc", "Incorporated", "Corp", "Corporation", "Ltd", "Limited", "GmbH", "G.m.b.H.", "LLC", "L.L.C.", "AG",
          "Aktiengesellschaft", "SA", "S.A.", "", "Group");

  static final List<String> FIRST_NAMES =
      List.of(
          "Robert", "William", "Katherine", "Elizabeth", "Michael", "Jennifer", "James", "Margaret", "Thomas", "Patricia",
          "Richard", "Susan", "Joseph", "Jessica", "Daniel", "Sarah", "Matthew", "Karen", "Anthony", "Nancy", "Andrew",
          "Lisa", "Joshua", "Rebecca", "Christopher", "Samantha", "Nicholas", "Alexandra", "Benjamin", "Victoria",
          "Jonathan", "Deborah", "Edward", "Christine", "Steven", "Jacqueline", "Timothy", "Abigail", "Gregory",
          "Stephanie", "Priya", "Wei", "Amara", "Mateo", "Ingrid", "Yusuf", "Sofia", "Hiroshi", "Fatima", "Lars", "Chloe",
          "Ahmed", "Elena", "Raj", "Mei", "Olga", "Kwame", "Lucia", "Sven", "Aisha");

  /** Short forms people sign with; the demo's duplicates use them ("Robert" and "Bob" are one person). */
  static final Map<String, String> NICKNAMES =
      Map.ofEntries(
          Map.entry("Robert", "Bob"), Map.entry("William", "Bill"), Map.entry("Katherine", "Kate"),
          Map.entry("Elizabeth", "Liz"), Map.entry("Michael", "Mike"), Map.entry("Jennifer", "Jen"),
          Map.entry("James", "Jim"), Map.entry("Margaret", "Peggy"), Map.entry("Thomas", "Tom"),
          Map.entry("Patricia", "Pat"), Map.entry("Richard", "Dick"), Map.entry("Susan", "Sue"),
          Map.entry("Joseph", "Joe"), Map.entry("Jessica", "Jess"), Map.entry("Daniel", "Dan"),
          Map.entry("Matthew", "Matt"), Map.entry("Anthony", "Tony"), Map.entry("Andrew", "Andy"),
          Map.entry("Joshua", "Josh"), Map.entry("Rebecca", "Becky"), Map.entry("Christopher", "Chris"),
          Map.entry("Samantha", "Sam"), Map.entry("Nicholas", "Nick"), Map.entry("Alexandra", "Alex"),
          Map.entry("Benjamin", "Ben"), Map.entry("Victoria", "Vicky"), Map.entry("Jonathan", "Jon"),
          Map.entry("Deborah", "Debbie"), Map.entry("Edward", "Ted"), Map.entry("Christine", "Chris"),
          Map.entry("Steven", "Steve"), Map.entry("Jacqueline", "Jackie"), Map.entry("Timothy", "Tim"),
          Map.entry("Abigail", "Abby"), Map.entry("Gregory", "Greg"), Map.entry("Stephanie", "Steph"));

  static final List<String> LAST_NAMES =
      List.of(
          "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
          "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
          "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young",
          "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker",
          "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Müller", "Schmidt", "Schneider", "Fischer",
          "Weber", "Dubois", "Lefèvre", "de Vries", "Jansen", "Andersson", "Johansson", "O'Brien", "Murphy", "Kelly",
          "Patel", "Shah", "Chen", "Wang", "Kim", "Tanaka", "Sato", "Okafor", "Mensah", "Kowalski", "Novak");

  /** Title and seniority rank (higher is more senior). */
  record Title(String title, String abbreviated, int seniority) {}

  static final List<Title> TITLES =
      List.of(
          new Title("Chief Executive Officer", "CEO", 5),
          new Title("Chief Financial Officer", "CFO", 5),
          new Title("Chief Technology Officer", "CTO", 5),
          new Title("Vice President of Sales", "VP Sales", 4),
          new Title("Vice President of Operations", "VP Ops", 4),
          new Title("Head of IT", "Head of IT", 3),
          new Title("Director of Customer Success", "Dir. Customer Success", 3),
          new Title("Director of Procurement", "Dir. Procurement", 3),
          new Title("Revenue Operations Manager", "RevOps Manager", 2),
          new Title("Sales Manager", "Sales Mgr", 2),
          new Title("IT Manager", "IT Mgr", 2),
          new Title("Procurement Specialist", "Procurement", 1),
          new Title("Data Analyst", "Analyst", 1),
          new Title("Account Executive", "AE", 1),
          new Title("Software Engineer", "Engineer", 1));

  static final List<String> REPS =
      List.of(
          "Dana Whitfield", "Marcus Ojo", "Helen Park", "Tobias Brandt", "Irene Castillo", "Omar Haddad", "Grace Liu",
          "Felix Moreau", "Nadia Petrova", "Sean Gallagher");

  /** The demo sales organisation: the first five reps are team East, the others team West. */
  static String teamOf(String rep) {
    return REPS.indexOf(rep) < REPS.size() / 2 ? "East" : "West";
  }

  static final List<String> PRODUCTS = List.of("Graph Starter", "Graph Pro", "Graph Enterprise");

  /** Competitor, aliases. */
  static final Map<String, List<String>> COMPETITORS =
      Map.of(
          "Salesforce", List.of("SFDC", "Sales Cloud"),
          "HubSpot", List.of("Hubspot CRM"),
          "Pipedrive", List.of(),
          "Zoho CRM", List.of("Zoho"),
          "Microsoft Dynamics 365", List.of("Dynamics", "MS Dynamics"));

  static final List<String> CAMPAIGNS =
      List.of("q3-webinar", "spring-newsletter", "pricing-update", "case-study-series", "product-launch", "renewal-reminder");

  static final List<String> PAGES = List.of("/docs/getting-started", "/blog/graph-scoring", "/integrations", "/security", "/blog/customer-health");

  static final List<String> CONTENT =
      List.of(
          "Case study: how Northwind cut churn by 30%", "Whitepaper: relationship-aware lead scoring",
          "Case study: Contoso's sales team saves 6 hours a week", "ROI calculator", "Buyer's guide to customer graphs");

  // ---- message templates (placeholders: {first}, {company}, {competitor}, {product}, {rep}) ------------------

  static final List<String[]> NEUTRAL_INBOUND =
      List.of(
          new String[] {"Question about user roles", "Hi {rep},\n\nQuick question: can we give read-only access to our finance team? We'd like them to see invoices but not edit anything.\n\nThanks,\n{first}"},
          new String[] {"Onboarding next steps", "Hello,\n\nThanks for the session last week. Could you share the onboarding checklist again? I can't find it in my inbox.\n\nBest,\n{first}"},
          new String[] {"Re: Quarterly review", "Hi {rep},\n\nThe quarterly review slides look good to me. I'll forward them to the team.\n\nRegards,\n{first}"},
          new String[] {"SSO configuration", "Hi,\n\nOur IT team is setting up single sign-on. Is SAML supported on our plan?\n\nThanks,\n{first}"});

  static final List<String[]> PRICING_INBOUND =
      List.of(
          new String[] {"Pricing for {product}", "Hi {rep},\n\nCould you send us pricing for {product} for around 40 seats? We are putting together a proposal for next quarter.\n\nThanks,\n{first}"},
          new String[] {"Quote request", "Hello,\n\nWhat would an annual contract cost if we add the analytics module? Is there a volume discount?\n\nBest regards,\n{first}"},
          new String[] {"Re: Proposal", "Hi {rep},\n\nThe proposal looks promising. Can you break down the cost per user and the implementation fee?\n\n{first}"});

  static final List<String[]> MEETING_INBOUND =
      List.of(
          new String[] {"Demo for our team", "Hi {rep},\n\nCould we schedule a demo for our sales leadership next week? Tuesday or Wednesday afternoon would work.\n\nCheers,\n{first}"},
          new String[] {"Call this week?", "Hello,\n\nAre you free for a call on Thursday to walk through the integration? Let me know what time suits you.\n\n{first}"});

  static final List<String[]> FRUSTRATED_INBOUND =
      List.of(
          new String[] {"Export failing again", "Hi {rep},\n\nThis is the third time this month the export has failed. Honestly, we are very frustrated, and the team has lost a day of work. We need this fixed now.\n\n{first}"},
          new String[] {"Disappointed with support", "Hello,\n\nI am not happy with how our ticket was handled. Nobody got back to us for a week. This is unacceptable for what we pay.\n\n{first}"},
          new String[] {"Re: Invoice", "Hi,\n\nThe last invoice is wrong again: we were charged for 60 seats but we only have 45. Please correct it before we pay.\n\n{first}"});

  static final List<String[]> COMPETITOR_INBOUND =
      List.of(
          new String[] {"Comparing options", "Hi {rep},\n\nTo be transparent, we are also evaluating {competitor}. Their reporting looks stronger. Can you tell me how you compare?\n\n{first}"},
          new String[] {"Re: Renewal", "Hello,\n\nBefore we renew we want to look at {competitor} as well; a colleague says it is cheaper for teams our size.\n\n{first}"});

  static final List<String[]> BUDGET_INBOUND =
      List.of(
          new String[] {"Re: Proposal", "Hi {rep},\n\nUnfortunately our budget has been frozen until the next fiscal year, so we have to put the project on hold.\n\nSorry,\n{first}"},
          new String[] {"Update on our side", "Hello,\n\nManagement has cut spending on new tools this quarter. We will need to revisit this later.\n\n{first}"});

  static final List<String[]> OUTBOUND =
      List.of(
          new String[] {"Following up", "Hi {first},\n\nI wanted to follow up on our last conversation about {product}. Do you have any questions I can answer?\n\nBest,\n{rep}"},
          new String[] {"Resources for {company}", "Hi {first},\n\nAs promised, here is the case study we discussed and the security overview.\n\nKind regards,\n{rep}"},
          new String[] {"Checking in", "Hello {first},\n\nJust checking in to see how the rollout at {company} is going. Happy to set up a training session for new users.\n\n{rep}"},
          new String[] {"Your renewal", "Hi {first},\n\nYour subscription renews next month. Shall we find thirty minutes to review usage and plans?\n\n{rep}"});

  static final List<String[]> TICKETS_ROUTINE =
      List.of(
          new String[] {"Cannot reset password", "A user cannot reset their password; the reset email never arrives."},
          new String[] {"How to add a custom field", "We would like to add a custom field to contacts. Where is this configured?"},
          new String[] {"Report shows wrong time zone", "The weekly report shows times in UTC instead of our local time."},
          new String[] {"Import of CSV file", "Importing our CSV of accounts stops at row 512 with no message."});

  static final List<String[]> TICKETS_SEVERE =
      List.of(
          new String[] {"Data export broken", "Exports have failed since yesterday. This is blocking our month-end reporting and the team is frustrated."},
          new String[] {"Outage: dashboard not loading", "The dashboard has not loaded all morning. Nobody on the team can work. Please escalate."},
          new String[] {"Billing error on last invoice", "We were charged twice this month. We will not pay until this is corrected."},
          new String[] {"Sync deleting records", "The integration sync deleted 300 contacts. This is a serious problem for us."});
}
