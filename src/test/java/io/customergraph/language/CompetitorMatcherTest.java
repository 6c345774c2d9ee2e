package io.customergraph.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompetitorMatcherTest {

  private final CompetitorMatcher matcher = new CompetitorMatcher(
      Map.of("Salesforce", List.of("SFDC", "Sales Cloud"), "HubSpot", List.of(), "Zoho CRM", List.of("Zoho"),
          "Microsoft Dynamics 365", List.of("Dynamics", "MS Dynamics")),
      Set.of("Graph Pro", "Salesgraph"));

  @Test
  void namesAliasesAndTyposMatchWithTheirSpan() {
    String text = "We also looked at Salesfroce and Hubsopt; our CTO prefers SFDC over MS Dynamics.";
    List<CompetitorMatcher.Mention> found = matcher.find(text);
    assertThat(found).extracting(CompetitorMatcher.Mention::competitor)
        .containsExactly("Salesforce", "HubSpot", "Salesforce", "Microsoft Dynamics 365");
    CompetitorMatcher.Mention typo = found.get(0);
    assertThat(text.substring(typo.start(), typo.end())).isEqualTo("Salesfroce");
    assertThat(typo.edits()).isEqualTo(1);
    assertThat(found.get(3).text()).isEqualTo("MS Dynamics");
  }

  @Test
  void unrelatedWordsAndOurOwnProductDoNotMatch() {
    assertThat(matcher.find("Sales forecast for the zone: the dynamic team sells Graph Pro and Salesgraph.")).isEmpty();
    assertThat(matcher.find("Zoho")).extracting(CompetitorMatcher.Mention::competitor).containsExactly("Zoho CRM");
  }
}
