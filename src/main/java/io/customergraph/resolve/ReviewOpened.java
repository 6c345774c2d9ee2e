package io.customergraph.resolve;

/** Published when resolution opens a review: a person is needed to decide whether two entities are one. */
public record ReviewOpened(String reviewId, String kind, String aId, String bId, double probability) {}
