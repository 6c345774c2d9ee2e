package io.customergraph.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

/**
 * Applies the versioned schema scripts in {@code cypher/migrations} ({@code V<n>__<what>.cypher}) at start-up.
 *
 * <p>Each applied version is recorded as a {@code __Migration} node with the script's checksum. A script already
 * applied is skipped; one whose text changed after being applied stops start-up, because the database would no
 * longer match what the repository says. Every statement is written with {@code IF NOT EXISTS}, so a crash between a
 * statement and its record does no harm, and instances starting at the same time retry what collided ({@link #apply}).
 */
@Component
public class Migrations implements InitializingBean {

  private static final Logger log = LoggerFactory.getLogger(Migrations.class);
  private static final Pattern NAME = Pattern.compile("V(\\d+)__([\\w-]+)\\.cypher");
  static final String LOCATION = "classpath*:cypher/migrations/*.cypher";

  private final Neo4jClient client;
  private final Clock clock;

  private final Startup startup;

  Migrations(Neo4jClient client, Clock clock, Startup startup) {
    this.client = client;
    this.clock = clock;
    this.startup = startup;
    startup.expect(STEP);
  }

  private static final String STEP = "migrations";

  @Override
  public void afterPropertiesSet() {
    startup.running(STEP);
    List<Integer> applied = apply();
    startup.done(STEP, applied.isEmpty() ? "schema up to date" : "applied " + applied);
  }

  /** Tries of a migration run that met another instance migrating at the same moment. */
  private static final int TRIES = 20;

  /**
   * Applies every script not yet applied, in version order; returns the versions applied by this call.
   *
   * <p>Instances started together on one database migrate at the same moment: Neo4j then refuses one of two
   * concurrent {@code CREATE … IF NOT EXISTS} of the same rule ("an equivalent index already exists") or breaks a
   * deadlock between them. Both mean another instance is creating what this one wanted; the run starts again (every
   * statement is idempotent, applied versions are skipped) after a short wait, as Neo4j advises for transient errors.
   */
  public List<Integer> apply() {
    List<Integer> applied = new ArrayList<>();
    for (int attempt = 1; ; attempt++) {
      try {
        applyOnce(applied);
        return applied;
      } catch (org.springframework.dao.DataAccessException e) {
        if (attempt >= TRIES || !concurrentMigration(e)) {
          throw e;
        }
        log.info("Migrations: another instance is migrating the same database ({}); trying again", e.getMostSpecificCause().getMessage());
        try {
          Thread.sleep(100L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Whether a failure is another instance's concurrent migration (a rule it is creating, or a deadlock with it). */
  static boolean concurrentMigration(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.neo4j.driver.exceptions.Neo4jException n) {
        String code = n.code();
        return code.endsWith("EquivalentSchemaRuleAlreadyExists") || code.endsWith("ConstraintAlreadyExists")
            || code.endsWith("IndexAlreadyExists") || code.startsWith("Neo.TransientError.");
      }
    }
    return e instanceof org.springframework.dao.TransientDataAccessException;
  }

  private void applyOnce(List<Integer> applied) {
    client.query("CREATE CONSTRAINT migration_version IF NOT EXISTS FOR (m:__Migration) REQUIRE m.version IS UNIQUE").run();
    for (Script script : scripts()) {
      Optional<String> recorded =
          client
              .query("MATCH (m:__Migration {version: $version}) RETURN m.checksum AS checksum")
              .bind(script.version())
              .to("version")
              .fetchAs(String.class)
              .one();
      if (recorded.isPresent()) {
        if (!recorded.get().equals(script.checksum())) {
          throw new IllegalStateException(
              "Migration V%d (%s) was changed after it was applied to this database; add a new migration instead of editing an applied one"
                  .formatted(script.version(), script.description()));
        }
        continue;
      }
      for (String statement : script.statements()) {
        client.query(statement).run();
      }
      client
          .query(
              "MERGE (m:__Migration {version: $version}) SET m.description = $description, m.checksum = $checksum, m.appliedAt = $at")
          .bindAll(
              Map.of(
                  "version", script.version(),
                  "description", script.description(),
                  "checksum", script.checksum(),
                  "at", ZonedDateTime.now(clock)))
          .run();
      applied.add(script.version());
      log.info("Applied migration V{} {}", script.version(), script.description());
    }
  }

  /** Versions recorded as applied in the database, ascending. */
  public List<Integer> appliedVersions() {
    return List.copyOf(
        client
            .query("MATCH (m:__Migration) RETURN m.version AS version ORDER BY version")
            .fetchAs(Integer.class)
            .all());
  }

  static List<Script> scripts() {
    try {
      Resource[] resources = new PathMatchingResourcePatternResolver().getResources(LOCATION);
      List<Script> scripts = new ArrayList<>();
      for (Resource resource : resources) {
        String filename = resource.getFilename();
        Matcher m = NAME.matcher(filename == null ? "" : filename);
        if (!m.matches()) {
          throw new IllegalStateException(
              "Migration file %s is not named V<version>__<description>.cypher".formatted(filename));
        }
        String text = resource.getContentAsString(StandardCharsets.UTF_8);
        scripts.add(new Script(Integer.parseInt(m.group(1)), m.group(2), Ids.sha256(text), statements(text)));
      }
      scripts.sort(Comparator.comparingInt(Script::version));
      return scripts;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read migrations from " + LOCATION, e);
    }
  }

  /** Splits a script on semicolons that end a line; lines starting with // are comments. */
  static List<String> statements(String text) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\\R")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("//")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String statement = current.toString().strip();
        statements.add(statement.substring(0, statement.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }


  record Script(int version, String description, String checksum, List<String> statements) {}
}
