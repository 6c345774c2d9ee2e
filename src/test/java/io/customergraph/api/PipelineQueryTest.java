package io.customergraph.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import io.customergraph.security.Caller;
import io.customergraph.security.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue #24's process view: where open deals stall, measured against the finished stays of the same stage, and a rep
 * sees only their reach (the typical figures included).
 */
class PipelineQueryTest extends GraphSupport {

  private static final String QUERY = """
      { pipeline(dealsPerStage: 10) { stage open finishedStays typicalDays slowDays stalled
          deals { deal { id name } daysInStage ratio stalled } } }""";

  @Test
  void openDealsAreMeasuredAgainstTheFinishedStaysOfTheirStage() {
    // Five deals that stayed 10, 20, 30, 40 and 50 days in PROSPECTING and moved on, and one in ENGAGING now that
    // stayed 18 (six finished stays: median 25, 90th percentile 45); two still there, 60 and 5 days. ENGAGING has no
    // finished stay: nothing to call typical.
    cypher("""
        CREATE (a:Account {id: 'acc_pipe', name: 'Pipe Co', owner: 'Pat Pipeline'})
        CREATE (b:Account {id: 'acc_other', name: 'Elsewhere Ltd', owner: 'Someone Else'})
        WITH a, b, datetime() AS now
        UNWIND [10, 20, 30, 40, 50] AS stay
        CREATE (d:Deal {id: 'dea_done' + stay, name: 'Done ' + stay, stage: 'WON', owner: 'Pat Pipeline', currency: 'USD',
                        occurredAt: now - duration({days: 200}), createdAt: now - duration({days: 200}),
                        stageNames: ['PROSPECTING', 'WON'], stageEnteredAt: [now - duration({days: 200}), now - duration({days: 200 - stay})]})
        CREATE (d)-[:FOR]->(a)""");
    cypher("""
        MATCH (a:Account {id: 'acc_pipe'}), (b:Account {id: 'acc_other'})
        WITH a, b, datetime() AS now
        CREATE (slow:Deal {id: 'dea_slow', name: 'Slow one', stage: 'PROSPECTING', owner: 'Pat Pipeline', currency: 'USD',
                           occurredAt: now - duration({days: 60}), createdAt: now, stageNames: ['PROSPECTING'], stageEnteredAt: [now - duration({days: 60})]})
        CREATE (fresh:Deal {id: 'dea_fresh', name: 'Fresh one', stage: 'PROSPECTING', owner: 'Pat Pipeline', currency: 'USD',
                            occurredAt: now - duration({days: 5}), createdAt: now, stageNames: ['PROSPECTING'], stageEnteredAt: [now - duration({days: 5})]})
        CREATE (eng:Deal {id: 'dea_eng', name: 'Engaged', stage: 'ENGAGING', owner: 'Pat Pipeline', currency: 'USD',
                          occurredAt: now - duration({days: 30}), createdAt: now, stageNames: ['PROSPECTING', 'ENGAGING'],
                          stageEnteredAt: [now - duration({days: 30}), now - duration({days: 12})]})
        CREATE (far:Deal {id: 'dea_far', name: 'Not yours', stage: 'PROSPECTING', owner: 'Someone Else', currency: 'USD',
                          occurredAt: now - duration({days: 400}), createdAt: now, stageNames: ['PROSPECTING'], stageEnteredAt: [now - duration({days: 400})]})
        CREATE (slow)-[:FOR]->(a), (fresh)-[:FOR]->(a), (eng)-[:FOR]->(a), (far)-[:FOR]->(b)""");

    List<Map<String, Object>> all = graphQl.document(QUERY).execute().path("pipeline").entityList(MAP).get();
    assertThat(all).extracting(s -> s.get("stage")).containsExactly("PROSPECTING", "ENGAGING", "PROPOSAL", "NEGOTIATION");
    Map<String, Object> prospecting = all.getFirst();
    assertThat(prospecting).containsEntry("open", 3).containsEntry("finishedStays", 6).containsEntry("typicalDays", 25.0)
        .containsEntry("slowDays", 45.0).containsEntry("stalled", 2);
    List<Map<String, Object>> deals = deals(prospecting);
    assertThat(deals).extracting(d -> (Object) ((Map<?, ?>) d.get("deal")).get("id")).containsExactly("dea_far", "dea_slow", "dea_fresh");
    assertThat(deals.get(1)).containsEntry("daysInStage", 60.0).containsEntry("ratio", 2.4).containsEntry("stalled", true);
    assertThat(deals.get(2)).containsEntry("stalled", false);
    Map<String, Object> engaging = all.get(1);
    assertThat(engaging).containsEntry("open", 1).containsEntry("finishedStays", 0).containsEntry("stalled", 0);
    assertThat(engaging.get("typicalDays")).as("no finished stay, no yardstick").isNull();
    assertThat(deals(engaging).getFirst()).containsEntry("daysInStage", 12.0).containsEntry("ratio", null).containsEntry("stalled", false);

    // A rep sees their own deals only, and the figures are those of their deals.
    Caller other = new Caller("key_pipe_rep", "Else", Set.of(Role.REP), "Someone Else", null, false);
    List<Map<String, Object>> theirs = as(other).document(QUERY).execute().path("pipeline").entityList(MAP).get();
    assertThat(theirs.getFirst()).containsEntry("open", 1).containsEntry("finishedStays", 0);
    assertThat(deals(theirs.getFirst())).extracting(d -> (Object) ((Map<?, ?>) d.get("deal")).get("id")).containsExactly("dea_far");
    assertThat(theirs.subList(1, 4)).allSatisfy(s -> assertThat(s).containsEntry("open", 0));
  }

  @Test
  void aPageSizeOutsideItsBoundsIsRefusedNamingIt() {
    graphQl.document("{ pipeline(dealsPerStage: 0) { stage } }").execute().errors()
        .expect(e -> e.getMessage() != null && e.getMessage().contains("dealsPerStage must be between 1 and 100, got 0"));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> deals(Map<String, Object> stage) {
    return (List<Map<String, Object>>) stage.get("deals");
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final Class<Map<String, Object>> MAP = (Class) Map.class;
}
