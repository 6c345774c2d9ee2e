package io.customergraph;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A full service context (no web server) on a real Neo4j with no demo world; every test class with this annotation
 * shares one context and one database, and clears the graph it uses.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {"customer-graph.demo.enabled=false", "customer-graph.language.train-on-start=false", "customer-graph.language.retrain-cron=-",
        // Tests rescore explicitly (ScoreLifecycle.refresh) rather than from a background thread racing their fixtures.
        "customer-graph.score.refresh-delay=PT24H",
        // Webhook deliveries and approved actions are sent when a test says so (deliverDue), not by a poller.
        "customer-graph.act.webhook-poll=PT24H",
        // The business gauges read the graph once at start, not every minute: a refresh landing inside a test that
        // counts statements (BatchLoadingTest) added its five queries to the count.
        "customer-graph.observe.refresh=PT24H", "customer-graph.graph.feed-interval=PT24H"})
@Import(QueryCounter.Configuration.class)
public @interface GraphContext {}
