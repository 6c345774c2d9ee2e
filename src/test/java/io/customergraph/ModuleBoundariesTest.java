package io.customergraph;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of STYLE.md: capabilities do not use the API, the graph uses no capability, no cycles. Each rule asserts through ArchUnit's check(), which throws on any violation. */
class ModuleBoundariesTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.customergraph");

  @Test
  void noPackageUsesTheApi() {
    noClasses().that().resideOutsideOfPackage("io.customergraph.api..")
        .should().dependOnClassesThat().resideInAPackage("io.customergraph.api..")
        .check(CLASSES);
  }

  @Test
  void theGraphDependsOnNoOtherCapability() {
    noClasses().that().resideInAPackage("io.customergraph.graph..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.customergraph.api..", "io.customergraph.demo..", "io.customergraph.cli..", "io.customergraph.ingest..",
            "io.customergraph.language..", "io.customergraph.resolve..", "io.customergraph.score..", "io.customergraph.act..",
            "io.customergraph.privacy..", "io.customergraph.observe..")
        .check(CLASSES);
  }

  @Test
  void capabilitiesHaveNoCycles() {
    slices().matching("io.customergraph.(*)..").should().beFreeOfCycles().check(CLASSES);
  }
}
