package io.customergraph.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Domains roll up to the organisation that registered them, unless configured apart. */
class OrganisationsTest {

  @AfterEach
  void reset() {
    Organisations.separate(List.of());
  }

  @Test
  void subDomainsRollUpToTheRegistrableDomainByThePublicSuffixList() {
    assertThat(Organisations.of("ect.enron.com")).isEqualTo("enron.com");
    assertThat(Organisations.of("mailman.enron.com")).isEqualTo("enron.com");
    assertThat(Organisations.of("Sales.ACME.co.uk")).isEqualTo("acme.co.uk");
    assertThat(Organisations.of("acme.co.uk")).isEqualTo("acme.co.uk");
    assertThat(Organisations.of("enron.com")).isEqualTo("enron.com");
    // Names the list does not know stay as written.
    assertThat(Organisations.of("mailhost")).isEqualTo("mailhost");
    assertThat(Organisations.of("10.0.0.1")).isEqualTo("10.0.0.1");
  }

  @Test
  void aSubDomainConfiguredApartStaysItsOwnOrganisation() {
    Organisations.separate(List.of("EI.enron.com"));
    assertThat(Organisations.of("ei.enron.com")).isEqualTo("ei.enron.com");
    assertThat(Organisations.of("mail.ei.enron.com")).isEqualTo("ei.enron.com");
    assertThat(Organisations.of("ect.enron.com")).isEqualTo("enron.com");
  }
}
