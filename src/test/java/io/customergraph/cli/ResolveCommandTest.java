package io.customergraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code resolve} as a user meets it: what it reads, what it learnt, what it refuses, which ids it writes. */
class ResolveCommandTest {

  private record Run(int code, String out) {}

  private static Run resolve(String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String[] all = new String[args.length + 1];
    all[0] = "resolve";
    System.arraycopy(args, 0, all, 1, args.length);
    int code;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      code = ResolveCommand.run(all, out);
    }
    return new Run(code, bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anExplicitMapWinsAndUnmappedColumnsAreNamed(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("firms.csv");
    Files.writeString(input, "id,Name,Region\n1,Acme Corp,north\n2,ACME Corporation,north\n3,Globex,south\n");
    Run run = resolve("--input", input.toString(), "--id-column", "id", "--map", "company=Name", "--output", dir.resolve("out.csv").toString());
    assertThat(run.code()).isZero();
    // "Name" would be read as a full name by its header; mapped to company it is a company only.
    assertThat(run.out()).contains("comparing company ← Name").doesNotContain("full_name");
    assertThat(run.out()).contains("column Region maps to no field");
    assertThat(run.out()).contains("warning: only company is compared");
    assertThat(run.out()).contains("company        exact").contains("λ (share of matches");
    // Where the time went, stage by stage, reading the file included.
    assertThat(run.out()).containsPattern("stages \\(ms\\): read \\d+, index \\d+, candidates \\d+, compare \\d+, train \\d+, score and cluster \\d+");
  }

  /**
   * Headers as files write them: a voter register's {@code givenname} was not compared at all (a warning named it), so
   * its people were resolved by surname and place alone.
   */
  @Test
  void headersAreReadWhateverTheirCaseSpacesAndUnderscores(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("voters.csv");
    Files.writeString(input, "recid,givenname,Last Name,Suburb,ZIP Code,E-mail\n1,ann,lee,kew,3101,\n2,bob,ray,kew,3101,\n3,cleo,moss,hawthorn,3122,\n");
    Run run = resolve("--input", input.toString(), "--id-column", "recid", "--output", dir.resolve("out.csv").toString(), "--force", "true");
    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out()).contains("comparing given_name ← givenname, surname ← Last Name, email ← E-mail, city ← Suburb, postcode ← ZIP Code")
        .doesNotContain("map to no field").doesNotContain("maps to no field");
  }

  @Test
  void idsAreTheInputsOwnAndPrefixedOnlyWhereTwoFilesShareOne(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a.csv"), b = dir.resolve("b.csv");
    Files.writeString(a, "id,given_name,surname\nx1,Ann,Lee\nshared,Bob,Ray\n");
    Files.writeString(b, "id,given_name,surname\ny1,Cleo,Moss\nshared,Dan,Fry\n");
    Path out = dir.resolve("out.csv");
    Run run = resolve("--input", a.toString(), "--input", b.toString(), "--id-column", "id", "--output", out.toString(), "--force", "true");
    assertThat(run.code()).isZero();
    List<String> ids = Files.readAllLines(out).stream().skip(1).map(l -> l.split(",")[0]).toList();
    assertThat(ids).containsExactly("x1", "a.csv:shared", "y1", "b.csv:shared");
  }

  @Test
  void linkOnlyNeverPutsTwoRowsOfOneSourceTogether(@TempDir Path dir) throws Exception {
    StringBuilder a = new StringBuilder("id,given_name,surname,dob,city\n"), b = new StringBuilder("id,given_name,surname,dob,city\n");
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 60; i++) {
      String row = "%s,%s,%s,19%02d-0%d-1%d,%s%n".formatted("%s" + i, word(random), word(random), 40 + i, 1 + i % 9, i % 10, word(random));
      a.append(row.formatted("a"));
      b.append(row.formatted("b"));
    }
    // One file holds the same person twice (it is not duplicate-free); linking only, they may not be put together.
    a.append("x1,Ann,Lee,1980-02-03,york\nx2,Ann,Lee,1980-02-03,york\n");
    b.append("y1,Ann,Lee,1980-02-03,york\n");
    Path fa = dir.resolve("a.csv"), fb = dir.resolve("b.csv"), out = dir.resolve("out.csv");
    Files.writeString(fa, a.toString());
    Files.writeString(fb, b.toString());
    Run run = resolve("--input", fa.toString(), "--input", fb.toString(), "--id-column", "id", "--output", out.toString(), "--link-only", "true", "--force", "true");
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("linking 2 sources only");
    java.util.Map<String, String> cluster = new java.util.HashMap<>();
    Files.readAllLines(out).stream().skip(1).forEach(l -> cluster.put(l.split(",")[0], l.split(",")[1]));
    assertThat(cluster.get("x1")).isNotEqualTo(cluster.get("x2"));
    assertThat(List.of(cluster.get("x1"), cluster.get("x2"))).contains(cluster.get("y1"));
    // Every generated person is linked to their copy in the other file, and to nothing in their own.
    java.util.Map<String, java.util.List<String>> members = new java.util.HashMap<>();
    cluster.forEach((id, c) -> members.computeIfAbsent(c, k -> new java.util.ArrayList<>()).add(id));
    for (java.util.List<String> m : members.values()) {
      assertThat(m.stream().filter(id -> id.startsWith("a") || id.startsWith("x")).count()).as("rows of a.csv in %s", m).isLessThanOrEqualTo(1);
      assertThat(m.stream().filter(id -> id.startsWith("b") || id.startsWith("y")).count()).as("rows of b.csv in %s", m).isLessThanOrEqualTo(1);
    }
    assertThat(cluster.get("a7")).isEqualTo(cluster.get("b7"));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> resolve("--input", fa.toString(), "--output", out.toString(), "--link-only", "true"))
        .hasMessageContaining("--source-column");
  }

  /**
   * A town where every row shares town and postcode and no two names are alike: there is no match class for EM to find.
   * The command says the fit is degenerate and stops (exit 3) unless forced, and writes the table it fell back to.
   */
  @Test
  void aDegenerateFitStopsTheCommandUnlessForced(@TempDir Path dir) throws Exception {
    SplittableRandom random = new SplittableRandom(3);
    StringBuilder rows = new StringBuilder("id,given_name,surname,city,postcode\n");
    for (int i = 0; i < 400; i++) {
      rows.append(i).append(',').append(word(random)).append(',').append(word(random)).append(",springfield,12345\n");
    }
    Path input = dir.resolve("town.csv");
    Files.writeString(input, rows.toString());
    Path out = dir.resolve("out.csv"), model = dir.resolve("model.txt");
    Run refused = resolve("--input", input.toString(), "--id-column", "id", "--output", out.toString(), "--model-out", model.toString());
    assertThat(refused.code()).isEqualTo(3);
    Run forced = resolve("--input", input.toString(), "--id-column", "id", "--output", out.toString(), "--model-out", model.toString(), "--force", "true");
    assertThat(forced.code()).isZero();
    assertThat(forced.out()).contains("warning: EM's fit is degenerate");
    assertThat(Files.readString(model)).contains("given_name").contains("different");
    // With the prior m and the identity rule, nobody in the town is merged.
    assertThat(Files.readAllLines(out).stream().skip(1).map(l -> l.split(",")[1]).distinct().count()).isEqualTo(400);
  }

  private static String word(SplittableRandom random) {
    StringBuilder w = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      w.append((char) ('a' + random.nextInt(26)));
    }
    return w.toString();
  }
}
