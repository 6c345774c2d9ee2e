package io.customergraph.language;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Word-vector settings.
 *
 * @param seed random seed of training; with one worker thread the same corpus gives the same vectors
 * @param layerSize vector dimensions: 100 is the usual size for corpora of thousands to millions of sentences
 * @param windowSize context words on each side
 * @param minWordFrequency words seen fewer times are left out: rare words get noisy vectors (and are often names)
 * @param epochs passes over the corpus
 * @param retrainCron when to retrain on a schedule (Spring cron); "-" turns scheduled retraining off
 * @param vectorsFile vectors to load instead of training (word2vec text or binary format, or a DL4J model zip)
 * @param phoneRegion region assumed for phone numbers without a country code when scrubbing text
 */
@ConfigurationProperties("customer-graph.language")
public record LanguageProperties(
    @DefaultValue("42") long seed,
    @DefaultValue("100") int layerSize,
    @DefaultValue("5") int windowSize,
    @DefaultValue("3") int minWordFrequency,
    @DefaultValue("3") int epochs,
    @DefaultValue("0 30 3 * * *") String retrainCron,
    @Nullable String vectorsFile,
    @DefaultValue("US") String phoneRegion) {}
