package io.customergraph.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlaceholdersTest {

  @Test
  void personalDataAndIdentifiersBecomePlaceholders() {
    String scrubbed = Placeholders.scrub(
        "Mail phillip.allen@enron.com, Jeff Dasovich/NA/Enron@Enron or call 713-853-7041 (+44 20 7946 0958); see https://example.com/x?y=1 re invoice 12115118 of 2001-12-04.",
        "US");
    assertThat(scrubbed)
        .doesNotContain("phillip.allen", "@", "Dasovich/NA", "713", "7946", "example.com", "12115118", "2001")
        .contains(Placeholders.EMAIL, Placeholders.PHONE, Placeholders.URL, Placeholders.NUMBER)
        .contains("Mail", "or call", "see", "re invoice");
  }

  @Test
  void labelledIdentifiersAndSecretsAreReplaced() {
    assertThat(Placeholders.scrub("Login ID:  pallen\nPassword: s3cret!\nAllen, Phillip K. </O=ENRON/OU=NA/CN=RECIPIENTS/CN=PALLEN>", "US"))
        .doesNotContain("pallen", "s3cret", "PALLEN", "RECIPIENTS")
        .contains("Login ID:", Placeholders.IDENTIFIER);
  }

  @Test
  void knownPeoplesMailboxNamesAreReplacedInProseButRoleWordsStay() {
    java.util.Set<String> known = new java.util.HashSet<>();
    for (String e : java.util.List.of("pallen@enron.com", "pallen70@hotmail.com", "prices@enron.com", "ed@x.com")) {
      Placeholders.identifierOf(e).ifPresent(known::add);
    }
    assertThat(known).containsExactlyInAnyOrder("pallen", "pallen70");
    assertThat(Placeholders.scrub("Your username of \"pallen\" is also PALLEN70; send prices to Ed.", "US", known))
        .doesNotContain("pallen", "PALLEN")
        .contains(Placeholders.IDENTIFIER, "send prices to Ed.");
  }

  @Test
  void ordinaryWordsAreLeftAlone() {
    assertThat(Placeholders.scrub("We are frustrated with the export, not happy at all.", "US"))
        .isEqualTo("We are frustrated with the export, not happy at all.");
  }
}
