package io.customergraph.graph;

import java.util.List;

/** A competitor that customers may mention, with the other names it goes by. */
public record Competitor(String id, String name, List<String> aliases) implements Node {}
