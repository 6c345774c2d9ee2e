package io.customergraph.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customergraph.demo.DemoWorld.DuplicateGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoWorldGeneratorTest {

  private static final LocalDate ANCHOR = LocalDate.of(2026, 11, 1);

  @Test
  void sameSeedGivesTheSameWorldByteForByte(@TempDir Path dir) throws IOException {
    DemoFiles.writeWorld(DemoWorldGenerator.generate(42, 60, ANCHOR), dir.resolve("a"));
    DemoFiles.writeWorld(DemoWorldGenerator.generate(42, 60, ANCHOR), dir.resolve("b"));
    DemoFiles.writeWorld(DemoWorldGenerator.generate(43, 60, ANCHOR), dir.resolve("c"));
    try (Stream<Path> files = Files.list(dir.resolve("a"))) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        assertThat(Files.readString(dir.resolve("b").resolve(name))).as(name).isEqualTo(Files.readString(file));
      }
    }
    assertThat(Files.readString(dir.resolve("c/accounts.jsonl"))).isNotEqualTo(Files.readString(dir.resolve("a/accounts.jsonl")));
  }

  @Test
  void worldHasEveryKindWithUniqueIdsAndLinksThatResolve() {
    DemoWorld world = DemoWorldGenerator.generate(42, 200, ANCHOR);
    assertThat(world.accounts()).hasSizeGreaterThanOrEqualTo(200);
    for (List<Map<String, Object>> kind :
        List.of(world.contacts(), world.emails(), world.calls(), world.tickets(), world.invoices(), world.deals(), world.activities())) {
      assertThat(kind).isNotEmpty();
    }
    Set<String> ids = new HashSet<>();
    Stream.of(world.accounts(), world.contacts(), world.emails(), world.calls(), world.tickets(), world.invoices(), world.deals(),
            world.activities(), world.competitors())
        .flatMap(List::stream)
        .forEach(row -> assertThat(ids.add((String) row.get("id"))).as("unique id %s", row.get("id")).isTrue());
    world.contacts().forEach(c -> assertThat(ids).contains((String) c.get("accountId")));
    world.activities().forEach(a -> assertThat(ids).contains((String) a.get("contactId")));
    world.deals().forEach(d -> assertThat(ids).contains((String) d.get("accountId")));
  }

  @Test
  void duplicatesArePlantedAndRecordedInTheTruth() {
    DemoWorld world = DemoWorldGenerator.generate(42, 200, ANCHOR);
    List<DuplicateGroup> dups = world.truth().duplicates();
    long accountDups = dups.stream().filter(d -> d.kind().equals("Account")).count();
    long contactDups = dups.stream().filter(d -> d.kind().equals("Contact")).count();
    assertThat(accountDups).isBetween(4L, 25L);
    assertThat(contactDups).isGreaterThan(world.contacts().size() / 20);
    assertThat(dups).extracting(DuplicateGroup::variation).anyMatch(v -> v.startsWith("nickname")).anyMatch(v -> v.startsWith("typo"));
    assertThat(world.truth().accounts()).hasSize(world.accounts().size() - (int) accountDups);
  }

  @Test
  void hiddenStateDrivesWhatCanBeSeen() {
    DemoWorld world = DemoWorldGenerator.generate(42, 400, ANCHOR);
    Map<String, Long> ticketsPerAccount = new java.util.HashMap<>();
    world.tickets().forEach(t -> ticketsPerAccount.merge((String) t.get("accountId"), 1L, Long::sum));
    double churners = world.truth().accounts().stream().filter(a -> Boolean.TRUE.equals(a.willChurn()))
        .mapToLong(a -> ticketsPerAccount.getOrDefault(a.id(), 0L)).average().orElseThrow();
    double stayers = world.truth().accounts().stream().filter(a -> Boolean.FALSE.equals(a.willChurn()))
        .mapToLong(a -> ticketsPerAccount.getOrDefault(a.id(), 0L)).average().orElseThrow();
    assertThat(churners).as("tickets per churning vs staying customer").isGreaterThan(stayers * 1.5);
  }

  @Test
  void refusesAnEmptyWorld() {
    assertThatThrownBy(() -> DemoWorldGenerator.generate(1, 0, ANCHOR)).hasMessageContaining("accountCount");
  }
}
