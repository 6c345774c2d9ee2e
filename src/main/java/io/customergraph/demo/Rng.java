package io.customergraph.demo;

import java.util.List;
import java.util.Random;

/** A seeded random source with the few draws the generator needs; {@link Random}'s algorithm is fixed by its spec. */
final class Rng {
  private final Random random;

  Rng(long seed) {
    this.random = new Random(seed);
  }

  double uniform() {
    return random.nextDouble();
  }

  int between(int minInclusive, int maxInclusive) {
    return minInclusive + random.nextInt(maxInclusive - minInclusive + 1);
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  double gaussian() {
    return random.nextGaussian();
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  /** Poisson draw by Knuth's method; fine for the small means used here. */
  int poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    double l = Math.exp(-Math.min(mean, 60));
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= random.nextDouble();
    } while (p > l);
    return k - 1;
  }

  /** Days back from the anchor, exponentially distributed with the given mean, capped. */
  double daysBack(double mean, double cap) {
    return Math.min(cap, -mean * Math.log(1 - random.nextDouble()));
  }

  /** A seed for an independent stream, so adding draws to one part does not shift every later part. */
  long fork() {
    return random.nextLong();
  }
}
