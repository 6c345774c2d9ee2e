package io.customergraph.graph;

import io.customergraph.graph.Values.DealStage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

/**
 * Where open deals stand in the sales process: for each open stage, how long its deals have been there against how
 * long deals typically stay, read from every deal's stage history (issue #24's process view). A stay is finished when
 * the deal entered a later stage; only finished stays make the typical figures, so deals still sitting in a stage do
 * not pull the yardstick they are measured against.
 */
@Service
public class Pipeline {

  /** Fewer finished stays than this and a stage has no typical figures: a median of three says little. */
  public static final int MIN_FINISHED_STAYS = 5;
  /** An open deal longer in its stage than this share of finished stays is stalled. */
  static final double SLOW_QUANTILE = 0.9;

  /** One open stage: its open deals (longest in the stage first), and the typical and slow stay in days. */
  public record Stage(
      DealStage stage, int open, int finishedStays, @Nullable Double typicalDays, @Nullable Double slowDays, int stalled, List<OpenDeal> deals) {}

  /** An open deal's time in its current stage; {@code ratio} is days over the typical stay. */
  public record OpenDeal(String dealId, double daysInStage, @Nullable Double ratio, boolean stalled) {}

  private static final List<DealStage> OPEN = List.of(DealStage.PROSPECTING, DealStage.ENGAGING, DealStage.PROPOSAL, DealStage.NEGOTIATION);

  private final Neo4jClient client;
  private final Clock clock;

  Pipeline(Neo4jClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * The open stages in process order, each with at most {@code dealsPerStage} deals. {@code scope}: only deals with
   * these accounts (a rep's reach), their typical figures included; null for every deal.
   */
  public List<Stage> stages(@Nullable Collection<String> scope, int dealsPerStage) {
    Instant now = clock.instant();
    Map<DealStage, List<Double>> finished = new EnumMap<>(DealStage.class);
    Map<DealStage, List<OpenDeal>> open = new EnumMap<>(DealStage.class);
    for (DealStage s : OPEN) {
      finished.put(s, new ArrayList<>());
      open.put(s, new ArrayList<>());
    }
    Map<String, Object> params = new HashMap<>();
    params.put("scope", scope);
    for (Map<String, Object> row : client.query("""
            MATCH (d:Deal)
            WHERE $scope IS NULL OR EXISTS { (d)-[:FOR]->(a:Account) WHERE a.id IN $scope }
            RETURN d.id AS id, d.stage AS stage, d.stageNames AS names, d.stageEnteredAt AS entered""")
        .bindAll(params).fetch().all()) {
      List<?> names = row.get("names") instanceof List<?> l ? l : List.of();
      List<?> entered = row.get("entered") instanceof List<?> l ? l : List.of();
      int n = Math.min(names.size(), entered.size());
      for (int i = 0; i + 1 < n; i++) {
        DealStage s = DealStage.valueOf((String) names.get(i));
        if (finished.containsKey(s)) {
          finished.get(s).add(days(instant(entered.get(i)), instant(entered.get(i + 1))));
        }
      }
      DealStage current = DealStage.valueOf((String) row.get("stage"));
      if (open.containsKey(current) && n > 0 && current.name().equals(names.get(n - 1))) {
        open.get(current).add(new OpenDeal((String) row.get("id"), Math.max(0, days(instant(entered.get(n - 1)), now)), null, false));
      }
    }
    List<Stage> stages = new ArrayList<>();
    for (DealStage s : OPEN) {
      List<Double> stays = finished.get(s);
      stays.sort(Comparator.naturalOrder());
      Double typical = stays.size() < MIN_FINISHED_STAYS ? null : quantile(stays, 0.5);
      Double slow = stays.size() < MIN_FINISHED_STAYS ? null : quantile(stays, SLOW_QUANTILE);
      List<OpenDeal> deals = open.get(s).stream()
          .map(d -> new OpenDeal(d.dealId(), round(d.daysInStage()), typical == null || typical == 0 ? null : round(d.daysInStage() / typical),
              slow != null && d.daysInStage() > slow))
          .sorted(Comparator.comparingDouble(OpenDeal::daysInStage).reversed().thenComparing(OpenDeal::dealId))
          .toList();
      int stalled = (int) deals.stream().filter(OpenDeal::stalled).count();
      stages.add(new Stage(s, deals.size(), stays.size(), typical == null ? null : round(typical), slow == null ? null : round(slow), stalled,
          deals.subList(0, Math.min(dealsPerStage, deals.size()))));
    }
    return stages;
  }

  /** The q-quantile of sorted values, linear between the two nearest ranks. */
  static double quantile(List<Double> sorted, double q) {
    double pos = q * (sorted.size() - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.size() - 1);
    return sorted.get(lo) + (pos - lo) * (sorted.get(hi) - sorted.get(lo));
  }

  private static double days(Instant from, Instant to) {
    return Duration.between(from, to).toSeconds() / 86_400.0;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static Instant instant(Object t) {
    return Instant.from((TemporalAccessor) t);
  }
}
