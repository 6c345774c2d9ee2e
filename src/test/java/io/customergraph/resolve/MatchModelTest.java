package io.customergraph.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contact match model on the hard cases of the issue. u and term frequencies come from a population of people
 * built from the Febrl names (real name frequencies), so "john" and "smith" are as common as they are in real data.
 */
class MatchModelTest {

  private static MatchModel model;
  private static TermFrequencies tf;
  private static final double MERGE = ResolveProperties.DEFAULT_MERGE;
  private static final double REVIEW = ResolveProperties.DEFAULT_REVIEW;

  @BeforeAll
  static void population() throws Exception {
    List<Entry> people = new ArrayList<>();
    String[] companies = {"acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "tyrell"};
    int i = 0;
    for (CsvEntries.Row r : CsvEntries.read(io.customergraph.TestData.path("resolution/dataset2.csv"), Map.of(), "rec_id")) {
      String given = r.entry().get(Field.GIVEN_NAME), surname = r.entry().get(Field.SURNAME);
      String company = companies[i++ % companies.length];
      people.add(person("p" + i, given + " " + surname, given + "." + surname + "@" + company + ".com", company));
    }
    // John Smiths, as in any real CRM: 1.2 % of the people (with 20 of 5,020, "smith" was barely more common than the
    // chance that two random records share a surname, and the adjustment's sign turned on sampling noise).
    for (int k = 0; k < 60; k++) {
      people.add(person("js" + k, "John Smith", "john.smith" + k + "@" + companies[k % companies.length] + ".com", companies[k % companies.length]));
    }
    model = MatchModel.withPriors(EntityKind.CONTACT.comparisons());
    model.estimateU(people, 50_000, 1);
    tf = BatchResolver.counted(people, model.comparisons());
  }

  private static Entry person(String id, String name, String email, String company) {
    Map<Field, String> v = new EnumMap<>(Field.class);
    v.put(Field.FULL_NAME, name);
    if (email != null) {
      v.put(Field.EMAIL, email);
    }
    v.put(Field.COMPANY, company);
    return Entry.of(id, v, null);
  }

  private static double p(Entry a, Entry b) {
    return model.probability(a, b, tf);
  }

  /**
   * A value's term frequency is how often *another* record holds it: counting the record itself made a company name
   * two rows of 2,260 share "1 in 1,130" (9.8 bits) where one other row in 2,259 holds it (10.8 bits) — so a file
   * of organisation names alone never reached the merge bar with names that agree exactly.
   */
  @Test
  void aValuesFrequencyIsHowOftenAnotherRecordHoldsIt() {
    List<Entry> records = new ArrayList<>();
    for (int k = 0; k < 1001; k++) {
      String company = k < 2 ? "zebedee trading" : k < 103 ? "acme" : "company " + k;
      records.add(Entry.of("r" + k, Map.of(Field.COMPANY, company), null));
    }
    TermFrequencies counted = BatchResolver.counted(records, List.of(Comparison.company(true)));
    assertThat(counted.frequency(Field.COMPANY, Names.company("zebedee trading"))).isEqualTo(1 / 1000.0);
    assertThat(counted.frequency(Field.COMPANY, Names.company("acme"))).isEqualTo(100 / 1000.0);
    assertThat(counted.frequency(Field.COMPANY, "never seen")).as("no other record holds it: one record's worth").isEqualTo(1 / 1000.0);
  }

  @Test
  void mergesNicknameAtTheSameCompany() {
    Entry a = person("a", "Robert Lanyon", "robert.lanyon@acme.com", "Acme Corp");
    Entry b = person("b", "Bob Lanyon", "bob.lanyon@acme.com", "ACME Corporation");
    assertThat(p(a, b)).isGreaterThanOrEqualTo(MERGE);
    assertThat(model.explain(a, b, tf).factors()).anySatisfy(f -> {
      assertThat(f.name()).isEqualTo("given_name");
      assertThat(f.level()).isEqualTo("nickname or initial");
    });
  }

  @Test
  void mergesTypoInSurnameWithTheSameAddress() {
    assertThat(p(person("a", "Jacob Lanyon", "jacob.lanyon@globex.com", "Globex"), person("b", "Jacob Lanoyn", "jacob.lanyon@globex.com", "Globex")))
        .isGreaterThanOrEqualTo(MERGE);
  }

  @Test
  void caseAndAccentsDoNotMatter() {
    Explanation e = model.explain(person("a", "ZOË MÜLLER", "zoe.muller@hooli.com", "Hooli"), person("b", "Zoe Muller", "Zoe.Muller@hooli.com", "hooli"), tf);
    assertThat(e.factors()).filteredOn(f -> !f.level().equals("missing")).allSatisfy(f -> assertThat(f.level()).isEqualTo("exact"));
    assertThat(e.probability()).isGreaterThanOrEqualTo(MERGE);
  }

  @Test
  void swappedFirstAndLastNameAreComparedCrosswise() {
    Entry a = person("a", "Lanyon Jacob", "jacob.lanyon@stark.com", "Stark");
    Entry b = person("b", "Jacob Lanyon", "jacob.lanyon@stark.com", "Stark");
    Explanation e = model.explain(a, b, tf);
    assertThat(e.swapped()).isTrue();
    assertThat(e.factors().get(0).level()).isEqualTo("exact");
    assertThat(e.factors().get(1).level()).isEqualTo("exact");
    assertThat(e.probability()).isGreaterThanOrEqualTo(MERGE);
  }

  @Test
  void lastCommaFirstWithMiddleInitialIsTheSamePerson() {
    // The Enron case: one man as "Allen, Phillip K." at k..allen@ and "Phillip K Allen" at phillip.allen@.
    Entry a = person("a", "Allen, Phillip K.", "k..allen@enron.com", "Enron");
    Entry b = person("b", "Phillip K Allen", "phillip.allen@enron.com", "Enron");
    assertThat(p(a, b)).isGreaterThanOrEqualTo(MERGE);
  }

  @Test
  void sharedCorporateDomainIsNotTheSamePerson() {
    assertThat(p(person("a", "Jane Doe", "jane.doe@acme.com", "Acme"), person("b", "Bob Ray", "bob.ray@acme.com", "Acme"))).isLessThan(REVIEW);
  }

  @Test
  void companyNamesThatDifferOnlyInANumberAreDifferentCompanies() {
    Comparison byName = Comparison.company();
    Entry one = Entry.of("a", Map.of(Field.COMPANY, "Company1"), null);
    assertThat(byName.levels().get(byName.level(one, Entry.of("b", Map.of(Field.COMPANY, "Company12"), null)))).isEqualTo("different");
    Comparison bySpelling = Comparison.company(false);
    assertThat(bySpelling.levels().get(bySpelling.level(one, Entry.of("b", Map.of(Field.COMPANY, "Company2"), null)))).isEqualTo("different");
    assertThat(byName.level(one, Entry.of("c", Map.of(Field.COMPANY, "COMPANY1 Ltd"), null))).as("legal form stripped, same number").isZero();
    assertThat(byName.levels().get(byName.level(Entry.of("d", Map.of(Field.COMPANY, "Acme 2000 Labs"), null), Entry.of("e", Map.of(Field.COMPANY, "Acme 2000 Lab"), null))))
        .isEqualTo("jaro-winkler >= 0.92");
  }

  @Test
  void companyNamesWithAWordReplacedAreNotATypoApart() {
    // Jaro-Winkler gives the long shared first word 0.92 and more, as if one name were misspelt: two Yusuf Lefèvres at
    // Yellowstone Capital and Yellowstone Analytics were merged in the demo world of 200 accounts.
    for (Comparison c : List.of(Comparison.company(), Comparison.company(false))) {
      Entry capital = Entry.of("a", Map.of(Field.COMPANY, "Yellowstone Capital AG"), null);
      assertThat(c.levels().get(c.level(capital, Entry.of("b", Map.of(Field.COMPANY, "Yellowstone Analytics LLC"), null))))
          .isNotEqualTo("jaro-winkler >= 0.92");
      assertThat(c.levels().get(c.level(capital, Entry.of("c", Map.of(Field.COMPANY, "Yellowstone Captial"), null))))
          .as("a typo still is one").isEqualTo("jaro-winkler >= 0.92");
    }
    assertThat(Comparison.wordReplaced("quantum insurance s a", "quantum insurance")).as("a word added").isFalse();
    assertThat(Comparison.wordReplaced("dept of computer science university of leeds", "department of computer science university of leeds"))
        .as("one word of many").isFalse();
  }

  @Test
  void legalFormsWithDotsOrWrittenOutAreDroppedLikeTheirShortForms() {
    // Two planted copies in the quick-start world stayed apart for want of this: "Acme Pharma G.m.b.H." (match
    // probability 0.006 against "Acme Pharma GmbH") and "DUNDER RETAIL AKTIENGESELLSCHAFT" (0.90, below the bar).
    assertThat(Names.company("Acme Pharma G.m.b.H.")).isEqualTo(Names.company("Acme Pharma GmbH")).isEqualTo("acme pharma");
    assertThat(Names.company("DUNDER RETAIL AKTIENGESELLSCHAFT")).isEqualTo(Names.company("Dunder Retail AG")).isEqualTo("dunder retail");
    assertThat(Names.company("Globex Public Limited Company")).isEqualTo("globex");
    assertThat(Names.company("Initech Limited Liability Company")).isEqualTo(Names.company("Initech LLC")).isEqualTo("initech");
    assertThat(Names.company("Quantum Insurance S.A.")).isEqualTo("quantum insurance");
    assertThat(Names.company("J. P. Morgan & Co.")).isEqualTo(Names.company("JP Morgan")).isEqualTo("jp morgan");
    // What is not a legal form stays: a name's own single letter, a first word that reads like one.
    assertThat(Names.company("A Better Way Ltd")).isEqualTo("a better way");
    assertThat(Names.company("Limited Brands")).isEqualTo("limited brands");
    assertThat(Names.company("Public Company")).isEqualTo("public");
  }

  @Test
  void aMailboxAndItsShortFormAtOneOrganisationAreALevelOfTheirOwn() {
    // Issue #20, real mail: one owner as harry.arora@enron.com, harora@enron.com ("Harpreet Arora") and
    // harora@ect.enron.com ("harpreet"); the email comparison called the long and the short form "different".
    Comparison email = Comparison.email();
    Entry harry = person("a", "Harry Arora", "harry.arora@acme.com", "acme");
    Entry harpreet = person("b", "Harpreet Arora", "harora@mail.acme.com", "acme");
    Entry initial = person("c", "H Arora", "h..arora@acme.com", "acme");
    Entry hannah = person("d", "Hannah Arora", "hannah.arora@acme.com", "acme");
    Entry elsewhere = person("e", "Harpreet Arora", "harora@example.org", "example");
    assertThat(email.levels().get(email.level(harry, harpreet))).isEqualTo("short form at one organisation");
    assertThat(email.levels().get(email.level(harry, initial))).isEqualTo("short form at one organisation");
    assertThat(email.levels().get(email.level(harpreet, initial))).as("two short forms").isEqualTo("short form at one organisation");
    assertThat(email.levels().get(email.level(harry, hannah))).as("two long forms that shorten alike: colleagues").isEqualTo("same domain");
    assertThat(email.levels().get(email.level(harry, elsewhere))).as("another organisation").isEqualTo("different");
    // The model weighs it as evidence: more than an address at the same domain, less than the same local part.
    int k = model.comparisons().indexOf(model.comparisons().stream().filter(c -> c.field() == Field.EMAIL).findFirst().orElseThrow());
    List<String> levels = model.comparisons().get(k).levels();
    int shortForm = levels.indexOf("short form at one organisation");
    assertThat(shortForm).isPositive();
    double w = Math.log(model.m(k, shortForm) / model.u(k, shortForm));
    assertThat(w).isGreaterThan(Math.log(model.m(k, levels.indexOf("same domain")) / model.u(k, levels.indexOf("same domain"))));
    assertThat(model.probability(harry, harpreet, tf)).as("Harry and Harpreet Arora at one company, by their mailboxes").isGreaterThan(MERGE);
    // Harry and Hannah: two long forms, the names differ — never merged (a person may look: same rare surname).
    Explanation colleagues = model.explain(harry, hannah, tf);
    assertThat(colleagues.factors().get(0).level()).isEqualTo("different");
    assertThat(colleagues.veto()).isNotNull();
    // Close given names whose mailboxes at one organisation each spell their own are two names, as for surnames.
    Entry lena = person("f", "Lena Graf", "lena.graf@acme.com", "acme"), lina = person("g", "Lina Graf", "lina.graf@acme.com", "acme");
    Comparison given = Comparison.givenName();
    assertThat(given.levels().get(given.level(lena, lina))).isEqualTo("different");
    assertThat(given.levels().get(given.level(person("h", "Lena Graf", null, "acme"), lina))).as("without a mailbox: a typo").isIn("one typo", "two typos");
    assertThat(model.explain(lena, lina, tf).veto()).isNotNull();
    // allen-p: a sender known only by the address phillip.k.allen@enron.com stayed apart from Phillip Allen
    // (pallen@enron.com) — vetoed and not even reviewed, "only organisation agrees". The short form is personal
    // evidence; it does not overrule names that differ (Peter and Phillip Allen both shorten to pallen).
    Entry nameless = Entry.of("i", Map.of(Field.EMAIL, "phillip.k.allen@acme.com", Field.COMPANY, "acme"), null);
    Entry phillip = person("j", "Phillip Allen", "pallen@acme.com", "acme");
    Explanation owner = model.explain(nameless, phillip, tf);
    assertThat(owner.veto()).isNull();
    assertThat(owner.unsupported()).isFalse();
    Explanation peter = model.explain(person("k", "Peter Allen", "peter.allen@acme.com", "acme"), phillip, tf);
    assertThat(peter.factors().stream().filter(f -> f.name().equals("email")).findFirst().orElseThrow().level()).isEqualTo(Comparison.SHORT_FORM);
    assertThat(peter.veto()).isNotNull();
    assertThat(peter.unsupported()).as("not a question for a person: the names differ").isTrue();
  }

  @Test
  void numberedMailboxesOneEditApartAreNotATypo() {
    // allen-p: xtrain01@ … xtrain10@enron.com are ten training accounts; "one edit" weighed them as one person.
    Comparison email = Comparison.email();
    Entry one = person("a", "XTrain01", "xtrain01@acme.com", "acme"), four = person("b", "XTrain04", "xtrain04@acme.com", "acme");
    assertThat(email.levels().get(email.level(one, four))).isEqualTo("same domain");
    // …and their names, numbered alike, are two names: the pair was opened as a review at 0.93 (nine of them).
    Comparison given = Comparison.givenName();
    assertThat(given.levels().get(given.level(one, four))).isEqualTo("different");
    assertThat(model.explain(one, four, tf).unsupported()).as("not a question for a person").isTrue();
    assertThat(given.levels().get(given.level(person("k", "Hardis0n Lee", null, "acme"), person("l", "Hardison Lee", null, "acme"))))
        .as("a digit typed for a letter in one name is still a typo").isEqualTo("one typo");
    assertThat(email.levels().get(email.level(person("c", "Training User ID #29", "#29.training@acme.com", "acme"),
        person("d", "Training User ID #23", "#23.training@acme.com", "acme")))).isEqualTo("same domain");
    // Two mailboxes one letter apart that each spell their own person's name: the names differ there, not the address
    // by a typo. As "one edit" the address was an identifier that overruled the names: Andy Chen and Andy Chun,
    // Gregory T. and Jacqueline P. Adams (t..adams / p..adams) were opened as reviews at 1.0 on allen-p.
    Entry chen = person("g", "Chen, Andy", "andy.chen@acme.com", "acme"), chun = person("h", "Chun, Andy", "andy.chun@acme.com", "acme");
    assertThat(email.levels().get(email.level(chen, chun))).isEqualTo("same domain");
    assertThat(model.explain(chen, chun, tf).unsupported()).as("not a question for a person").isTrue();
    assertThat(email.levels().get(email.level(person("i", "Adams, Gregory T.", "t..adams@acme.com", "acme"),
        person("j", "Adams, Jacqueline P.", "p..adams@acme.com", "acme")))).isEqualTo("same domain");
    // A typo in the letters still is one.
    assertThat(email.levels().get(email.level(person("e", "Robert Lanyon", "robert.lanyon2@acme.com", "acme"),
        person("f", "Robert Lanyon", "robert.lanyn2@acme.com", "acme")))).isEqualTo("one edit");
  }

  @Test
  void aSharedLocalPartThatOnlyWritesTheNameAgainIsNoEvidence() {
    // Two Jennifer Nelsons at two companies, each with the usual first.last address: the names say they agree, and the
    // address says the same thing again. Counted as independent it lifted namesakes to review (90 of 100 demo reviews).
    Entry gringotts = person("a", "Jennifer Nelson", "jennifer.nelson@gringottsmedia.nl", "Gringotts Media");
    Entry oakridge = person("b", "Jennifer Nelson", "jennifer.nelson@oakridgelabs.com", "Oakridge Labs");
    Explanation e = model.explain(gringotts, oakridge, tf);
    Explanation.Factor email = e.factors().stream().filter(f -> f.name().equals("email")).findFirst().orElseThrow();
    assertThat(email.level()).isEqualTo("the name again");
    assertThat(email.contribution()).isZero();
    assertThat(email.sentence()).contains("only writes the name again");
    Explanation handle = model.explain(person("a", "Jennifer Nelson", "jen.the.builder@gringottsmedia.nl", "Gringotts Media"),
        person("b", "Jennifer Nelson", "jen.the.builder@oakridgelabs.com", "Oakridge Labs"), tf);
    assertThat(e.weight()).as("the name counted once").isLessThan(handle.weight() - 3);
    // A local part that is not the name is still evidence (a private address keeps the handle), and so is one shared at
    // one organisation (one mailbox).
    Comparison byEmail = Comparison.email();
    assertThat(byEmail.levels().get(byEmail.level(person("c", "Jennifer Nelson", "jen.the.builder@gmail.com", "x"),
        person("d", "Jennifer Nelson", "jen.the.builder@oakridgelabs.com", "y")))).isEqualTo("same local part");
    assertThat(byEmail.levels().get(byEmail.level(person("e", "Jennifer Nelson", "jnelson@ect.enron.com", "x"),
        person("f", "Jennifer Nelson", "jnelson@enron.com", "y")))).as("one organisation").isEqualTo("same local part");
  }

  @Test
  void colleaguesWhoseMailboxesSpellTheirOwnSurnamesHaveDifferentSurnames() {
    // One distribution list at Enron: John Graf and John Grass, Mark Muller and Mark Mullen. Each address spells its
    // owner's name, so the close surnames are two names, not a typo: 12 of 18 reviews of allen-p and the mbox were such.
    Comparison surname = Comparison.surname();
    Entry graf = person("a", "Graf, John", "john.graf@enron.com", "Enron");
    Entry grass = person("b", "Grass, John", "john.grass@ect.enron.com", "Enron");
    assertThat(surname.levels().get(surname.level(graf, grass))).isEqualTo("different");
    assertThat(model.veto(model.compare(graf, grass))).contains("surnames differ");
    // A misspelt display name beside a correct address does not spell its own name: still a typo.
    Entry wihte = person("c", "Amara Wihte", "awhite@unitynetworks.de", "Unity Networks");
    Entry white = person("d", "Amara White", "amara.white@unitynetworks.de", "Unity Networks");
    assertThat(surname.levels().get(surname.level(wihte, white))).isEqualTo("one typo");
    // Without addresses, or at two organisations, the names alone decide.
    assertThat(surname.levels().get(surname.level(person("e", "John Graf", null, "x"), person("f", "John Grass", null, "x")))).isNotEqualTo("different");
    assertThat(surname.levels().get(surname.level(person("g", "John Graf", "john.graf@acme.com", "x"), person("h", "John Grass", "john.grass@globex.com", "x"))))
        .isNotEqualTo("different");
  }

  @Test
  void nameFormsOfALocalPart() {
    Entry devries = person("a", "Deborah de Vries", null, "x");
    for (String local : List.of("deborahdevries", "ddevries", "devries", "vriesdeborah", "deborahv")) {
      assertThat(Comparison.nameForm(local, devries)).as(local).isTrue();
    }
    Entry allen = person("b", "Allen, Phillip K.", null, "x");
    for (String local : List.of("phillipallen", "pallen", "kallen", "pkallen", "allenp")) {
      assertThat(Comparison.nameForm(local, allen)).as(local).isTrue();
    }
    for (String local : List.of("pk", "bigcheese", "phil", "debbie", "deborahdevriesx")) {
      assertThat(Comparison.nameForm(local, local.startsWith("d") ? devries : allen)).as(local).isFalse();
    }
  }

  @Test
  void twoDifferentJohnSmithsStayApart() {
    double p = p(person("a", "John Smith", "john.smith@globex.com", "Globex"), person("b", "John Smith", "jsmith@initech.com", "Initech"));
    assertThat(p).isLessThan(MERGE);
  }

  @Test
  void aCommonNameWeighsLessThanARareOne() {
    Explanation common = model.explain(person("a", "John Smith", null, "x"), person("b", "John Smith", null, "y"), tf);
    Explanation rare = model.explain(person("a", "Jacob Lanyon", null, "x"), person("b", "Jacob Lanyon", null, "y"), tf);
    assertThat(common.factors().get(1).tfAdjustment()).isNegative();
    assertThat(rare.factors().get(1).tfAdjustment()).isPositive();
    assertThat(common.probability()).isLessThan(rare.probability());
  }

  @Test
  void theWaterfallAddsUpToTheProbability() {
    Explanation e = model.explain(person("a", "Robert Lanyon", "robert.lanyon@acme.com", "Acme"), person("b", "Rob Lanyon", null, "Acme"), tf);
    double sum = e.prior() + e.factors().stream().mapToDouble(Explanation.Factor::contribution).sum();
    assertThat(e.weight()).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(e.probability()).isCloseTo(Math.pow(2, sum) / (1 + Math.pow(2, sum)), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(e.factors()).filteredOn(f -> f.name().equals("email")).singleElement().satisfies(f -> assertThat(f.level()).isEqualTo("missing"));
  }

  /**
   * Issue #18.5 / #20: a model that learnt from thin, corrupted records that a different given name is common among
   * matches (here: m from labels where half the matches differ in given name) puts two different people with one
   * surname, a shared town and postcode above the merge bar. The identity rule vetoes the merge and says why; an exact
   * email address, or a name that agrees, lifts the veto.
   */
  @Test
  void theIdentityRuleVetoesAMergeWithoutNameEvidenceWhateverTheModelLearnt() {
    List<Comparison> thin = Comparison.forPeople(java.util.Set.of(Field.GIVEN_NAME, Field.SURNAME, Field.CITY, Field.POSTCODE, Field.EMAIL));
    MatchModel learnt = MatchModel.withPriors(thin);
    int given = 0, city = thin.indexOf(thin.stream().filter(c -> c.field() == Field.CITY).findFirst().orElseThrow());
    List<byte[]> matches = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      byte[] levels = new byte[thin.size()];
      java.util.Arrays.fill(levels, (byte) 0);
      levels[given] = (byte) (i % 2 == 0 ? 0 : thin.get(given).levels().size() - 1);
      matches.add(levels);
    }
    learnt.estimateMFromLabels(matches, 400);
    Entry tom = thinPerson("tom", "baker", null), sarah = thinPerson("sarah", "baker", null);
    Explanation e = learnt.explain(tom, sarah, TermFrequencies.NONE);
    assertThat(e.probability()).as("the degenerate model's probability").isGreaterThanOrEqualTo(MERGE);
    assertThat(e.factors().get(given).level()).isEqualTo("different");
    assertThat(e.factors().get(city).level()).isEqualTo("exact");
    assertThat(e.veto()).contains("given names differ");

    assertThat(learnt.explain(thinPerson("thomas", "baker", null), tom, TermFrequencies.NONE).veto()).as("a nickname agrees").isNull();
    assertThat(learnt.explain(thinPerson("tom", "baker", "t.baker@acme.com"), thinPerson("sarah", "baker", "t.baker@acme.com"), TermFrequencies.NONE).veto())
        .as("the same email address").isNull();
    assertThat(learnt.explain(thinPerson("tom", "baker", "tbaker@acme.com"), thinPerson("sarah", "baker", "sbaker@acme.com"), TermFrequencies.NONE).veto())
        .as("addresses one letter apart are not an identifier").isNotNull();
  }

  private static Entry thinPerson(String given, String surname, String email) {
    Map<Field, String> v = new EnumMap<>(Field.class);
    v.put(Field.GIVEN_NAME, given);
    v.put(Field.SURNAME, surname);
    v.put(Field.CITY, "kellerberrin");
    v.put(Field.POSTCODE, "4510");
    if (email != null) {
      v.put(Field.EMAIL, email);
    }
    return Entry.of(given + surname, v, null);
  }
}
