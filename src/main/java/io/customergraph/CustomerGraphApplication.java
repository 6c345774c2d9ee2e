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
    if (Cli.handles(args)) {
      System.exit(Cli.run(args));
    }
    keepNativeCacheUnderDataDirectory();
    SpringApplication.run(CustomerGraphApplication.class, args);
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
