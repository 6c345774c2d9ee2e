package io.customergraph.api;

import io.customergraph.graph.GraphStats;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** {@code stats}: what the graph holds, counted for people. */
@Controller
class StatsController {

  private final GraphStats stats;

  StatsController(GraphStats stats) {
    this.stats = stats;
  }

  @QueryMapping
  GraphStats.Stats stats() {
    return stats.read();
  }
}
