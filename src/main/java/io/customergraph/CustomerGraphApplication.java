package io.customergraph;

import io.customergraph.cli.Cli;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Customer Graph: one Spring Boot process over a Neo4j graph, answering "who matters now, and why" over GraphQL. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CustomerGraphApplication {

  public static void main(String[] args) {
    fixLuceneHashSeed();
    quietLuceneVectorNotice();
    if (Cli.handles(args)) {
      System.exit(Cli.run(args));
    }
    keepNativeCacheUnderDataDirectory();
    SpringApplication.run(CustomerGraphApplication.class, args);
  }

  /**
   * Lucene seeds its BytesRef hashes from the clock unless {@code tests.seed} is set, and BooleanQuery's rewrite
   * (deduplicating the clauses a fuzzy query expands to) iterates a hash map of them: the order in which clause
   * scores are summed, and so which of two nearly equal candidates ranks first, changed from one run to the next.
   * A fixed seed makes entity resolution give the same answer for the same input. Must run before Lucene loads.
   */
  static void fixLuceneHashSeed() {
    if (System.getProperty("tests.seed") == null) {
      System.setProperty("tests.seed", "42"); // Lucene reads it as hex
    }
  }

  /** Kept so the logger, and the level set on it, are not collected. */
  private static final java.util.logging.Logger LUCENE_VECTORIZATION = java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

  /**
   * Lucene logs a notice through java.util.logging on every start that the incubating Vector API is not enabled
   * (enabling it prints the JDK's own incubator warning instead). The service sets this logger to ERROR in
   * application.yml once Spring's logging is up; commands that run without Spring get the same level here, before
   * Lucene loads. Only that one logger: Lucene's real errors still show.
   */
  static void quietLuceneVectorNotice() {
    LUCENE_VECTORIZATION.setLevel(java.util.logging.Level.SEVERE);
  }

  /**
   * JavaCPP (under DL4J) unpacks ~400 MB of natives into ~/.javacpp unless told otherwise; keep them beside the
   * data so a machine's home directory is not filled behind the operator's back.
   */
  static void keepNativeCacheUnderDataDirectory() {
    if (System.getProperty("org.bytedeco.javacpp.cachedir") == null) {
      String dataDir = System.getenv().getOrDefault("CUSTOMER_GRAPH_DATA_DIR", "data");
      System.setProperty("org.bytedeco.javacpp.cachedir", Path.of(dataDir, "javacpp").toAbsolutePath().toString());
    }
  }
}
