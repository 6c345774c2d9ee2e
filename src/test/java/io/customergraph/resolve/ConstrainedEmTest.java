package io.customergraph.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** EM on thin records cannot learn nonsense: the learnt table is monotone, and a fit that took "alike" for "same" is refused. */
class ConstrainedEmTest {

  private static final List<Comparison> THIN = Comparison.forPeople(Set.of(Field.GIVEN_NAME, Field.SURNAME, Field.CITY, Field.POSTCODE));

  @Test
  void theProjectionMakesTheLikelihoodRatioFallFromStrongestToDifferent() {
    double[] u = {0.01, 0.02, 0.03, 0.94};
    // A nonsense fit: "different" as likely among matches as among strangers, the weak level above the strong one.
    double[] m = {0.005, 0.01, 0.05, 0.935};
    MatchModel.monotone(m, u);
    assertMonotone(m, u);
    assertThat(java.util.Arrays.stream(m).sum()).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Math.log(m[3] / u[3]) / Math.log(2)).isLessThanOrEqualTo(-1 + 1e-9);
  }

  @Test
  void aSensibleFitIsLeftAsItIs() {
    double[] u = {0.01, 0.02, 0.97};
    double[] m = {0.8, 0.15, 0.05};
    MatchModel.monotone(m, u);
    assertThat(m).containsExactly(new double[] {0.8, 0.15, 0.05}, org.assertj.core.data.Offset.offset(1e-12));
  }

  /**
   * A register where every candidate pair shares town and postcode and most are neighbours with other names (what a
   * name-and-place search returns on a real voter list): EM's table stays monotone, and either names keep their cost
   * or the fit is called degenerate and m goes back to the priors.
   */
  @Test
  void emOnATownOfNeighboursStaysMonotoneAndNamesKeepTheirCost() {
    SplittableRandom random = new SplittableRandom(7);
    List<byte[]> pairs = new ArrayList<>();
    int given = index(Field.GIVEN_NAME), surname = index(Field.SURNAME), city = index(Field.CITY), postcode = index(Field.POSTCODE);
    for (int i = 0; i < 20_000; i++) {
      byte[] levels = new byte[THIN.size()];
      boolean duplicate = i % 20 == 0;
      levels[given] = (byte) (duplicate ? random.nextInt(2) * 2 : lastLevel(given) - (random.nextInt(10) == 0 ? 1 : 0));
      levels[surname] = (byte) (duplicate ? random.nextInt(2) : random.nextInt(4) == 0 ? 0 : lastLevel(surname)); // households share surnames
      levels[city] = 0;
      levels[postcode] = (byte) (random.nextInt(8) == 0 ? 1 : 0);
      pairs.add(levels);
    }
    MatchModel model = MatchModel.withPriors(THIN);
    List<Entry> strangers = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      strangers.add(Entry.of("r" + i, java.util.Map.of(Field.GIVEN_NAME, "g" + random.nextInt(300), Field.SURNAME, "s" + random.nextInt(900),
          Field.CITY, "town" + random.nextInt(40), Field.POSTCODE, String.valueOf(2000 + random.nextInt(60))), null));
    }
    model.estimateU(strangers, 50_000, 1);
    model.estimateM(pairs, 100);
    for (int k = 0; k < THIN.size(); k++) {
      double[] m = new double[THIN.get(k).levels().size()], u = new double[m.length];
      for (int l = 0; l < m.length; l++) {
        m[l] = model.m(k, l);
        u[l] = model.u(k, l);
      }
      assertMonotone(m, u);
    }
    double givenCost = -log2(model.m(given, lastLevel(given)) / model.u(given, lastLevel(given)));
    double surnameCost = -log2(model.m(surname, lastLevel(surname)) / model.u(surname, lastLevel(surname)));
    if (model.degenerate() == null) {
      assertThat(givenCost).isGreaterThanOrEqualTo(1.5);
      assertThat(surnameCost).isGreaterThanOrEqualTo(1.5);
    } else {
      assertThat(givenCost).as("priors: a different given name costs about four bits").isGreaterThan(4);
    }
    assertThat(model.lambda()).isLessThanOrEqualTo(MatchModel.MAX_LAMBDA);
    assertThat(model.table()).anyMatch(line -> line.startsWith("given_name") && line.contains("different"));
  }

  /** A fit that learnt a different name is nearly free is refused and m goes back to the documented priors. */
  @Test
  void aFitWhereNamesCostNothingIsCalledDegenerate() {
    SplittableRandom random = new SplittableRandom(11);
    List<byte[]> pairs = new ArrayList<>();
    int given = index(Field.GIVEN_NAME), surname = index(Field.SURNAME), city = index(Field.CITY), postcode = index(Field.POSTCODE);
    // Only neighbours: names different everywhere, place exact everywhere — there is no match class to find.
    for (int i = 0; i < 5_000; i++) {
      byte[] levels = new byte[THIN.size()];
      levels[given] = (byte) lastLevel(given);
      levels[surname] = (byte) (random.nextInt(3) == 0 ? 0 : lastLevel(surname));
      levels[city] = 0;
      levels[postcode] = 0;
      pairs.add(levels);
    }
    MatchModel model = MatchModel.withPriors(THIN);
    model.estimateM(pairs, 100);
    assertThat(model.degenerate()).contains("different given_name");
    assertThat(model.m(given, lastLevel(given))).as("back at the prior m").isEqualTo(MatchModel.withPriors(THIN).m(given, lastLevel(given)));
  }

  private static void assertMonotone(double[] m, double[] u) {
    for (int l = 0; l + 1 < m.length; l++) {
      assertThat(m[l] / u[l]).as("ratio at level %d against level %d", l, l + 1).isGreaterThanOrEqualTo(m[l + 1] / u[l + 1] - 1e-9);
      assertThat(m[l]).as("agreement level %d at least as likely among matches", l).isGreaterThanOrEqualTo(u[l] - 1e-9);
    }
    assertThat(m[m.length - 1]).as("different less likely among matches").isLessThan(u[u.length - 1]);
  }

  private static int index(Field f) {
    for (int k = 0; k < THIN.size(); k++) {
      if (THIN.get(k).field() == f) {
        return k;
      }
    }
    throw new IllegalArgumentException(f.name());
  }

  private static int lastLevel(int k) {
    return THIN.get(k).levels().size() - 1;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
