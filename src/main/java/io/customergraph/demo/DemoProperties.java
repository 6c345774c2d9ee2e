package io.customergraph.demo;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo world loaded on first start.
 *
 * @param enabled load a demo world into an empty database on first start
 * @param accounts how many accounts (duplicates come on top)
 * @param seed random seed; the same seed and anchor give the same world
 * @param anchor the world's "today"; defaults to the UTC date of the load, so the demo always looks current
 */
@ConfigurationProperties("customer-graph.demo")
public record DemoProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("200") int accounts,
    @DefaultValue("42") long seed,
    @Nullable LocalDate anchor) {}
