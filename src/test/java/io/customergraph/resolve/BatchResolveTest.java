package io.customergraph.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch resolution on CSV files: the CLI's clusters on a small file, and quality on a real labelled set. */
class BatchResolveTest {

  @Test
  void resolveCommandWritesTheExpectedClusters(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("people.csv");
    // Fifty unrelated people first, so the file is a population the model can learn u and name frequencies from.
    StringBuilder filler = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      filler.append("f%d,Given%d,Family%d,person%d@filler.org,19%02d-0%d-1%d%n".formatted(i, i, i, i, 40 + i, 1 + i % 9, i % 10));
    }
    Files.writeString(input, """
        id,firstName,lastName,mail,born
        """ + filler + """
        1,Robert,Lanyon,robert.lanyon@acme.com,1971-06-24
        2,Bob,Lanyon,robert.lanyon@acme.com,1971-06-24
        3,Jacob,Szczepanski,jacob.sz@globex.com,1980-02-11
        4,Jacob,Szczepansky,jacob.sz@globex.com,1980-02-11
        5,Maria,Okafor,maria.okafor@initech.com,1992-09-30
        6,John,Smith,john.smith@hooli.com,1965-01-01
        7,John,Smith,jsmith@wayne.com,1990-12-12
        """);
    Path output = dir.resolve("clusters.csv");
    Path pairs = dir.resolve("pairs.csv");
    int code = io.customergraph.cli.Cli.run(new String[] {"resolve", "--input", input.toString(), "--id-column", "id",
        "--map", "given_name=firstName,surname=lastName,email=mail,dob=born", "--output", output.toString(), "--pairs", pairs.toString()});
    assertThat(code).isZero();
    Map<String, String> cluster = new HashMap<>();
    for (String line : Files.readAllLines(output).subList(51, 58)) {
      String[] p = line.split(",");
      cluster.put(p[0], p[1]);
    }
    assertThat(cluster).containsEntry("1", "1").containsEntry("2", "1").containsEntry("3", "3").containsEntry("4", "3")
        .containsEntry("5", "5").containsEntry("6", "6").containsEntry("7", "7");
    assertThat(Files.readString(pairs)).contains("given_name nickname or initial");
  }

  @Test
  void labelledRowsTeachTheModelMAndAMissingLabelsColumnIsRefused(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("people.csv");
    StringBuilder rows = new StringBuilder("id,firstName,lastName,mail,person\n");
    for (int i = 0; i < 60; i++) {
      rows.append("f%d,Given%d,Family%d,person%d@filler.org,%n".formatted(i, i, i, i));
    }
    // Known pairs: the same person at two addresses (labelled), and an unlabelled pair of the same kind.
    for (int i = 0; i < 25; i++) {
      rows.append("k%da,Known%d,Pair%d,known%d@work.example,p%d%n".formatted(i, i, i, i, i));
      rows.append("k%db,Known%d,Pair%d,kp%d.private@home.example,p%d%n".formatted(i, i, i, i, i));
    }
    rows.append("u1,Una,Unlabelled,una@work.example,\nu2,Una,Unlabelled,u.private@home.example,\n");
    Files.writeString(input, rows.toString());
    String map = "given_name=firstName,surname=lastName,email=mail";
    // Learnt from the 25 labelled pairs, "email different" is no evidence against a match (pair probability 0.997);
    // with prior m it is strong evidence (0.856). The unlabelled pair is merged only with the labels.
    Map<String, String> withLabels = clusters(dir, input, "--map", map, "--threshold", "0.99", "--labels", "person");
    assertThat(withLabels.get("u2")).isEqualTo(withLabels.get("u1"));
    assertThat(withLabels.get("f1")).isNotEqualTo(withLabels.get("f2"));
    Map<String, String> without = clusters(dir, input, "--map", map, "--threshold", "0.99");
    assertThat(without.get("u2")).isNotEqualTo(without.get("u1"));

    assertThat(io.customergraph.cli.Cli.run(new String[] {"resolve", "--input", input.toString(), "--id-column", "id", "--map", map,
        "--labels", "nosuch", "--output", dir.resolve("x.csv").toString()})).isEqualTo(2);
  }

  /** Runs the resolve command on one input with the given options; cluster id by row id. */
  private static Map<String, String> clusters(Path dir, Path input, String... options) throws Exception {
    Path output = dir.resolve("clusters-" + options.length + ".csv");
    List<String> args = new java.util.ArrayList<>(List.of("resolve", "--input", input.toString(), "--id-column", "id", "--output", output.toString()));
    args.addAll(List.of(options));
    assertThat(io.customergraph.cli.Cli.run(args.toArray(String[]::new))).isZero();
    Map<String, String> cluster = new HashMap<>();
    for (String line : Files.readAllLines(output).subList(1, Files.readAllLines(output).size())) {
      cluster.put(line.split(",")[0], line.split(",")[1]);
    }
    return cluster;
  }

  @Test
  void unknownMappedColumnIsNamedInTheError(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("people.csv");
    Files.writeString(input, "id,first\n1,Ann\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CsvEntries.read(input, CsvEntries.mapping("given_name=firstName"), "id"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("firstName").hasMessageContaining("[id, first]");
  }

  @Test
  void badFilesAreNamedAndAnInputIsNeverOverwritten(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken.csv");
    Files.writeString(broken, "id,given_name,surname\n1,Ann,\"Lee\n2,Bob,Ray\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CsvEntries.read(broken, Map.of(), "id"))
        .isInstanceOf(java.io.IOException.class).hasMessageContaining("broken.csv is not valid CSV");
    Path twice = dir.resolve("twice.csv");
    Files.writeString(twice, "id,id,surname\n1,2,Lee\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CsvEntries.read(twice, Map.of(), "id"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice.csv").hasMessageContaining("duplicate name: \"id\"");

    Path input = dir.resolve("people.csv");
    String people = "id,given_name,surname\n1,Ann,Lee\n2,Anne,Lee\n";
    Files.writeString(input, people);
    assertThat(io.customergraph.cli.Cli.run(new String[] {"resolve", "--input", input.toString(), "--output", input.toString()})).isEqualTo(2);
    assertThat(Files.readString(input)).isEqualTo(people);
    assertThat(io.customergraph.cli.Cli.run(new String[] {"resolve", "--input", input.toString(), "--output", dir.resolve("no/such/dir.csv").toString()}))
        .isEqualTo(1);
  }

  /**
   * The same records in another order give the same clusters: u was sampled by input position, and pairs were compared
   * (and term frequencies read) in input order, so a shuffled file learnt another λ and other clusters.
   */
  /** A batch adds its records to the index without replacing by id, so two records with one id are refused by name. */
  @Test
  void twoRecordsWithOneIdAreRefused() {
    List<Entry> entries = List.of(Entry.of("7", Map.of(Field.GIVEN_NAME, "Ann", Field.SURNAME, "Lee"), null),
        Entry.of("7", Map.of(Field.GIVEN_NAME, "Bob", Field.SURNAME, "Ray"), null));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BatchResolver.resolvePeople(entries, BatchResolver.Settings.defaults()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two records have the id 7");
  }

  @Test
  void theSameRecordsInAnotherOrderGiveTheSameClusters() throws Exception {
    List<Entry> entries = new ArrayList<>();
    for (CsvEntries.Row r : CsvEntries.read(TestData.path("resolution/dataset1.csv"), Map.of(), "rec_id")) {
      entries.add(r.entry());
    }
    List<Entry> thin = ThinFields.of(entries, 0.4, 5);
    java.util.Set<java.util.Set<String>> first = null;
    for (int run = 0; run < 3; run++) {
      List<Entry> order = new ArrayList<>(thin);
      java.util.Collections.shuffle(order, new java.util.Random(run));
      BatchResolver.Result result = BatchResolver.resolvePeople(order, BatchResolver.Settings.defaults());
      Map<Integer, java.util.Set<String>> clusters = new HashMap<>();
      for (int i = 0; i < order.size(); i++) {
        clusters.computeIfAbsent(result.cluster()[i], k -> new java.util.TreeSet<>()).add(order.get(i).id());
      }
      java.util.Set<java.util.Set<String>> partition = new java.util.HashSet<>(clusters.values());
      if (first == null) {
        first = partition;
        assertThat(partition.size()).as("some records merged").isLessThan(order.size());
      } else {
        assertThat(partition).as("run %d", run).isEqualTo(first);
      }
    }
  }

  @Test
  void febrlDataset1IsResolvedWithoutLabels() throws Exception {
    List<CsvEntries.Row> rows = CsvEntries.read(TestData.path("resolution/dataset1.csv"), Map.of(), "rec_id");
    List<Entry> entries = new ArrayList<>();
    int[] truth = new int[rows.size()];
    Map<String, Integer> labels = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      entries.add(rows.get(i).entry());
      truth[i] = labels.computeIfAbsent(rows.get(i).entry().id().replaceAll("^rec-(\\d+)-.*$", "$1"), k -> labels.size());
    }
    BatchResolver.Result result = BatchResolver.resolvePeople(entries, BatchResolver.Settings.defaults());
    Evaluation e = Evaluation.of(result.cluster(), truth);
    assertThat(e.f1()).isGreaterThanOrEqualTo(0.97);
    // The same input gives the same clusters.
    assertThat(BatchResolver.resolvePeople(entries, BatchResolver.Settings.defaults()).cluster()).isEqualTo(result.cluster());
  }

  @Test
  void sameOrganisationIsOnePieceOfEvidenceNotThree() {
    // With a company, the domain of the address and the email's "same domain" level would repeat it: left out.
    java.util.List<Comparison> withCompany = Comparison.forPeople(java.util.Set.of(Field.FULL_NAME, Field.GIVEN_NAME, Field.SURNAME, Field.EMAIL, Field.COMPANY, Field.DOMAIN));
    assertThat(withCompany).extracting(Comparison::field).contains(Field.COMPANY, Field.EMAIL).doesNotContain(Field.DOMAIN);
    assertThat(withCompany.stream().filter(c -> c.field() == Field.EMAIL).findFirst().orElseThrow().levels()).doesNotContain("same domain");
    // Without one, the domain speaks for the organisation; with neither, the email's own level does.
    java.util.List<Comparison> withDomain = Comparison.forPeople(java.util.Set.of(Field.GIVEN_NAME, Field.SURNAME, Field.EMAIL, Field.DOMAIN));
    assertThat(withDomain).extracting(Comparison::field).contains(Field.DOMAIN);
    assertThat(withDomain.stream().filter(c -> c.field() == Field.EMAIL).findFirst().orElseThrow().levels()).doesNotContain("same domain");
    java.util.List<Comparison> emailOnly = Comparison.forPeople(java.util.Set.of(Field.GIVEN_NAME, Field.SURNAME, Field.EMAIL));
    assertThat(emailOnly.stream().filter(c -> c.field() == Field.EMAIL).findFirst().orElseThrow().levels()).contains("same domain");

    // Two colleagues with different names are not a match under the prior model however their organisation agrees.
    MatchModel model = MatchModel.withPriors(withCompany);
    Entry a = Entry.of("a", java.util.Map.of(Field.FULL_NAME, "Robert Nelson", Field.EMAIL, "robert.nelson@vandelay.example", Field.COMPANY, "Vandelay Labs"), null);
    Entry b = Entry.of("b", java.util.Map.of(Field.FULL_NAME, "Yusuf Hernandez", Field.EMAIL, "yusuf.hernandez@vandelay.example", Field.COMPANY, "Vandelay Labs"), null);
    Entry again = Entry.of("c", java.util.Map.of(Field.FULL_NAME, "Bob Nelson", Field.EMAIL, "robert.nelson@vandelay.example", Field.COMPANY, "Vandelay Labs"), null);
    TermFrequencies none = TermFrequencies.NONE;
    assertThat(model.probability(a, b, none)).isLessThan(0.5);
    assertThat(model.probability(a, again, none)).isGreaterThan(0.99);
  }

  /**
   * Issue #18.5 / #20: where records carry only names and a place, EM learns from heavily corrupted duplicates that a
   * different name costs little, a shared town and postcode outweigh it, and connected components merged whole towns.
   * Here 1,000 real, distinct people (Febrl originals with unique names) live in three towns; 400 of them appear a
   * second time with their given name replaced by another (seeded; never one that makes them a namesake of someone
   * else). No two different people may be merged.
   */
  /**
   * A file of organisation names alone merged nothing at the default settings (issue #20: "a single exact field can
   * never reach 0.999"): one name written three ways is one organisation, as the live graph keys an account by its
   * name — and, with an address compared, a chain's two shops at two addresses stay two.
   */
  @Test
  void organisationNamesWrittenAlikeAreOneOrganisationUnlessAnotherFieldSaysOtherwise() throws Exception {
    String[] trades = {"Logistics", "Foods", "Textiles", "Minerals", "Studios", "Freight", "Analytics", "Orchards", "Joinery", "Plastics"};
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    for (CsvEntries.Row r : CsvEntries.read(TestData.path("resolution/dataset2.csv"), Map.of(), "rec_id")) {
      String surname = r.entry().get(Field.SURNAME);
      if (r.entry().id().endsWith("-org") && surname != null && surname.length() > 3 && names.size() < 1500) {
        names.add(surname + " " + trades[names.size() % trades.length]);
      }
    }
    List<Entry> companies = new ArrayList<>();
    java.util.Random random = new java.util.Random(3);
    for (String name : names) {
      companies.add(company("c" + companies.size(), name, null, random));
    }
    int first = companies.size();
    companies.add(company("nw1", "Northwind Traders", null, random));
    companies.add(company("nw2", "NORTHWIND TRADERS INC.", null, random));
    companies.add(company("nw3", "Northwind Traders, Ltd", null, random));
    BatchResolver.Result alone = BatchResolver.resolve(companies, List.of(Comparison.company(false)), BatchResolver.Settings.defaults());
    assertThat(alone.cluster()[first + 1]).isEqualTo(alone.cluster()[first]);
    assertThat(alone.cluster()[first + 2]).isEqualTo(alone.cluster()[first]);
    assertThat(java.util.Arrays.stream(alone.cluster()).distinct().count()).as("nothing else merged").isEqualTo(first + 1);

    // With addresses: one company at one address written two ways is one; a chain's shops at two addresses are two.
    List<Entry> withAddresses = new ArrayList<>(companies.subList(0, first));
    withAddresses.add(company("bb1", "Blue Bottle Coffee", "1 Ferry Building", random));
    withAddresses.add(company("bb2", "Blue Bottle Coffee Inc", "300 Webster Street", random));
    withAddresses.add(company("ct1", "Contoso Pharma GmbH", "12 Hafenstrasse", random));
    withAddresses.add(company("ct2", "Contoso Pharma", "12 Hafenstrasse", random));
    BatchResolver.Result placed = BatchResolver.resolvePeople(withAddresses, BatchResolver.Settings.defaults());
    assertThat(placed.cluster()[first + 1]).as("two shops of a chain").isNotEqualTo(placed.cluster()[first]);
    assertThat(placed.cluster()[first + 3]).isEqualTo(placed.cluster()[first + 2]);
  }

  private static Entry company(String id, String name, String address, java.util.Random random) {
    Map<Field, String> v = new java.util.EnumMap<>(Field.class);
    v.put(Field.COMPANY, name);
    v.put(Field.ADDRESS, address != null ? address : (1 + random.nextInt(400)) + " " + List.of("high", "station", "church", "mill", "park").get(random.nextInt(5))
        + " " + List.of("road", "street", "lane").get(random.nextInt(3)) + " " + random.nextInt(1000));
    return Entry.of(id, v, null);
  }

  @Test
  void aTownOfNamesakeFreePeopleIsNeverMerged() throws Exception {
    BatchResolver.Result withRule = town(BatchResolver.Settings.defaults());
    // This set does not fool EM as the voter registers of the issue did (without the rule it merges no one here
    // either); MatchModelTest forces a model that learnt "different given name" is cheap and checks the veto.
    assertThat(falsePairs(withRule)).as("pairs of different people merged").isZero();
  }

  /** For each record of the last town built, the id of the person it is. */
  private static List<String> townTruth = new ArrayList<>();

  private static BatchResolver.Result town(BatchResolver.Settings settings) throws Exception {
    List<Entry> people = new ArrayList<>();
    townTruth = new ArrayList<>();
    List<CsvEntries.Row> rows = CsvEntries.read(TestData.path("resolution/dataset2.csv"), Map.of(), "rec_id");
    List<String> givenNames = new ArrayList<>();
    for (CsvEntries.Row r : rows) {
      givenNames.add(r.entry().get(Field.GIVEN_NAME));
    }
    String[][] towns = {{"kellerberrin", "4510"}, {"beaconsfield upper", "2602"}, {"wintersloe", "3000"}};
    List<List<String[]>> residents = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    java.util.Random random = new java.util.Random(7);
    int distinct = 0;
    for (CsvEntries.Row r : rows) {
      Entry e = r.entry();
      String given = e.get(Field.GIVEN_NAME), surname = e.get(Field.SURNAME);
      int t = distinct % towns.length;
      if (!e.id().endsWith("-org") || given.isEmpty() || surname.isEmpty() || distinct == 1000 || namesake(given, surname, residents.get(t))) {
        continue;
      }
      people.add(Entry.of(e.id(), Map.of(Field.GIVEN_NAME, given, Field.SURNAME, surname, Field.CITY, towns[t][0], Field.POSTCODE, towns[t][1]), null));
      townTruth.add(e.id());
      residents.get(t).add(new String[] {given, surname});
      if (distinct % 5 < 2) {
        String other;
        do {
          other = givenNames.get(random.nextInt(givenNames.size()));
        } while (other.isEmpty() || namesake(other, surname, residents.get(t)));
        people.add(Entry.of(e.id() + "-copy", Map.of(Field.GIVEN_NAME, other, Field.SURNAME, surname, Field.CITY, towns[t][0], Field.POSTCODE, towns[t][1]), null));
        townTruth.add(e.id());
        residents.get(t).add(new String[] {other, surname});
      }
      distinct++;
    }
    return BatchResolver.resolvePeople(people, settings);
  }

  /** Whether someone in the town has an alike given name (Jaro-Winkler ≥ 0.80, nickname) and surname (≥ 0.80). */
  private static boolean namesake(String given, String surname, List<String[]> residents) {
    for (String[] r : residents) {
      if ((Similarity.jaroWinkler(r[0], given) >= 0.80 || Names.compatibleGiven(r[0], given)) && Similarity.jaroWinkler(r[1], surname) >= 0.80) {
        return true;
      }
    }
    return false;
  }

  /** Pairs of records of different people put into one cluster. */
  private static long falsePairs(BatchResolver.Result result) {
    Map<String, Integer> ids = new HashMap<>();
    int[] truth = new int[townTruth.size()];
    for (int i = 0; i < truth.length; i++) {
      truth[i] = ids.computeIfAbsent(townTruth.get(i), k -> ids.size());
    }
    Evaluation e = Evaluation.of(result.cluster(), truth);
    for (int i = 0; i < truth.length; i++) {
      for (int j = i + 1; j < truth.length; j++) {
        if (result.cluster()[i] == result.cluster()[j] && truth[i] != truth[j]) {
          System.out.println("merged apart people: " + result.entries().get(i) + " | " + result.entries().get(j));
        }
      }
    }
    return Math.round(e.predictedPairs() * (1 - e.precision()));
  }
}
