package io.customergraph.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customergraph.GraphSupport;
import io.customergraph.TestData;
import io.customergraph.ingest.Importer;
import io.customergraph.ingest.IngestKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The customer's own fields as score inputs (issue #22): kept on import, outcomes imported in bulk, learnt as
 * additive shapes beside the graph features, explained, never learnt when forbidden.
 */
class OwnFieldsTest extends GraphSupport {

  @Autowired Importer importer;
  @Autowired Trainer trainer;
  @Autowired Scorer scorer;
  @Autowired Models models;
  @Autowired ScoreProperties properties;
  @Autowired FeatureEngine engine;
  @Autowired org.springframework.context.ApplicationEventPublisher events;

  @TempDir Path dir;

  @BeforeEach
  void fresh() {
    emptyGraph();
    models.forget();
  }

  private Importer.Summary importFile(IngestKind kind, Path file, Map<String, String> mapping) {
    return importer.importFiles(kind, List.of(file), mapping, p -> {});
  }

  @Test
  void columnsNoParserReadsAreKeptAsOwnFieldsAndRowsWithoutIdsAreKeyedByTheirPlace() throws IOException {
    // Rows are numbered from the first below the header: file:1, file:2, …
    Path file = Files.writeString(dir.resolve("customers.csv"), """
        Plan,Customer service calls,Region,Churn
        month-to-month,5,north,TRUE
        annual,,south,FALSE
        """);
    Importer.Summary first = importFile(IngestKind.ACCOUNT, file, Map.of("id", "@row"));
    assertThat(first.outcome().ingested()).isEqualTo(2);
    assertThat(neo4j.query("""
            MATCH (a:Account {externalId: 'customers.csv:1'})
            RETURN a.field_plan AS plan, a.field_customer_service_calls AS calls, a.field_region AS region, a.field_churn AS churn, a.name AS name""")
        .fetch().one().orElseThrow())
        .containsEntry("plan", "month-to-month").containsEntry("calls", "5").containsEntry("region", "north").containsEntry("churn", "TRUE")
        .containsEntry("name", "customers.csv:1");
    assertThat(count("MATCH (a:Account {externalId: 'customers.csv:2'}) WHERE a.field_customer_service_calls IS NULL RETURN count(a)"))
        .as("a blank cell is no field").isEqualTo(1);
    String id = neo4j.query("MATCH (a:Account {externalId: 'customers.csv:1'}) RETURN a.id").fetchAs(String.class).one().orElseThrow();
    graphQl.document("query($id: ID!) { account(id: $id) { ownFields { name value } } }").variable("id", id).execute()
        .path("account.ownFields[*].name").entityList(String.class)
        .containsExactly("field_churn", "field_customer_service_calls", "field_plan", "field_region")
        .path("account.ownFields[2].value").entity(String.class).isEqualTo("month-to-month");
    // The same file again: nothing changes; a name made from an id is never compared as a name by resolution.
    assertThat(importFile(IngestKind.ACCOUNT, file, Map.of("id", "@row")).outcome().unchanged()).isEqualTo(2);
    assertThat(count("MATCH (a:Account) RETURN count(a)")).isEqualTo(2);
    // When an import finishes, what it touched is rescored and every entity without a score is scored (here one
    // written around the import), saying how far it is.
    cypher("CREATE (:Account {id: 'acc_written_aside', name: 'Aside'})");
    List<String> steps = new ArrayList<>();
    events.publishEvent(new io.customergraph.graph.ImportFinished("account", steps::add));
    assertThat(count("MATCH (a:Account) WHERE EXISTS { MATCH (:Score {id: 'CHURN_RISK:' + a.id}) } RETURN count(a)")).isEqualTo(3);
    assertThat(steps).contains("scoring accounts: 1 of 1 without a score");
  }

  @Test
  void outcomesImportInBulkOnceAndNameTheRowsThatMatchNoEntity() throws IOException {
    Path accounts = Files.writeString(dir.resolve("book.csv"), """
        id,name,plan
        C-1,Alpha Ltd,basic
        C-2,Beta Ltd,premium
        """);
    importFile(IngestKind.ACCOUNT, accounts, Map.of());
    Path outcomes = Files.writeString(dir.resolve("churned.csv"), """
        customer,churned,date
        C-1,yes,2026-03-01
        C-2,no,2026-03-01
        C-9,yes,2026-03-01
        C-2,yes,2999-01-01
        """);
    Map<String, String> mapping = Map.of("id", "customer", "outcome", "churned", "at", "date", "kind", "=churn-risk");
    Importer.Summary first = importFile(IngestKind.OUTCOME, outcomes, mapping);
    assertThat(first.outcome().ingested()).isEqualTo(2);
    assertThat(first.outcome().quarantined()).isEqualTo(2);
    assertThat(neo4j.query("MATCH (s:SourceRecord {status: 'QUARANTINED', kind: 'outcome'}) RETURN s.reason AS reason ORDER BY reason").fetchAs(String.class).all())
        .satisfiesExactly(
            r -> assertThat(r).contains("no account has the id", "'C-9'", "import the accounts first"),
            r -> assertThat(r).contains("is in the future"));
    assertThat(count("MATCH (:Account {externalId: 'C-1'})-[:HAD_OUTCOME]->(o:Outcome {kind: 'CHURN_RISK', positive: true}) RETURN count(o)")).isEqualTo(1);
    assertThat(count("MATCH (:Account {externalId: 'C-2'})-[:HAD_OUTCOME]->(o:Outcome {positive: false}) RETURN count(o)")).isEqualTo(1);

    Importer.Summary again = importFile(IngestKind.OUTCOME, outcomes, mapping);
    assertThat(again.outcome().unchanged()).as("the same file twice changes nothing").isEqualTo(2);
    assertThat(again.outcome().quarantined()).isEqualTo(2);
    assertThat(count("MATCH (o:Outcome) RETURN count(o)")).isEqualTo(2);
    // Without a score kind the rows say what is missing.
    Importer.Summary noKind = importFile(IngestKind.OUTCOME, outcomes, Map.of("id", "customer", "outcome", "churned"));
    assertThat(noKind.outcome().quarantined()).isEqualTo(4);
    assertThat(neo4j.query("MATCH (s:SourceRecord {status: 'QUARANTINED', kind: 'outcome'}) WHERE s.reason CONTAINS 'score kind' RETURN count(s)")
        .fetchAs(Long.class).one()).hasValue(4L);
  }

  /**
   * Synthetic customers whose churn follows a threshold (four or more calls) and a pair (a plan with long calls):
   * shapes find both, a declared monotone shape is monotone, and the pair is one term.
   */
  @Test
  void additiveShapesLearnAThresholdAMonotoneShapeAndAPair() {
    List<Map<String, Double>> x = new ArrayList<>();
    double[] y = new double[4000];
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < y.length; i++) {
      Map<String, Double> row = new HashMap<>();
      int calls = random.nextInt(8);
      double minutes = random.nextDouble() * 20;
      boolean plan = random.nextInt(4) == 0;
      row.put("field_calls", (double) calls);
      row.put("field_minutes", minutes);
      row.put("field_plan=" + (plan ? "yes" : "no"), 1.0);
      if (random.nextInt(20) != 0) {
        row.put("field_noise", random.nextDouble());
      }
      x.add(row);
      double logit = -2.5 + (calls >= 4 ? 2.0 : 0) + (plan && minutes > 13 ? 3.0 : 0);
      y[i] = random.nextDouble() < LogisticRegression.sigmoid(logit) ? 1 : 0;
    }
    List<Additive.Input> inputs = List.of(
        new Additive.Input("field_calls", false, 1), new Additive.Input("field_minutes", false, 0),
        new Additive.Input("field_plan", true, 0), new Additive.Input("field_noise", false, 0));
    Additive.Fit fit = Additive.learn(inputs, x.subList(0, 3200), java.util.Arrays.copyOf(y, 3200), x.subList(3200, 4000),
        java.util.Arrays.copyOfRange(y, 3200, 4000));
    Model.Term calls = fit.terms().stream().filter(t -> t.name().equals("field_calls")).findFirst().orElseThrow();
    List<Double> values = calls.values().subList(0, calls.axes().get(0).missing());
    for (int i = 1; i < values.size(); i++) {
      assertThat(values.get(i)).as("declared increasing: bin %d", i).isGreaterThanOrEqualTo(values.get(i - 1) - 1e-12);
    }
    double jump = value(calls, Map.of("field_calls", 4.0)) - value(calls, Map.of("field_calls", 3.0));
    double flat = value(calls, Map.of("field_calls", 2.0)) - value(calls, Map.of("field_calls", 1.0));
    assertThat(jump).as("the threshold at four calls").isGreaterThan(1.0).isGreaterThan(5 * Math.abs(flat));
    assertThat(fit.terms()).as("the plan × minutes interaction is learnt as one pair")
        .anySatisfy(t -> assertThat(List.of(t.name())).containsAnyOf("field_minutes × field_plan", "field_plan × field_minutes"));
    // A model of these shapes beats a straight line on new customers of the same kind.
    Model shapes = new Model(ScoreKind.CHURN_RISK, 1, Model.Status.ACTIVE, false, fit.intercept(), List.of(), fit.terms(), 1, 0, null, null,
        List.of(), null, Instant.EPOCH, "");
    double[] p = Trainer.predict(shapes, x.subList(3200, 4000));
    assertThat(Quality.of(p, java.util.Arrays.copyOfRange(y, 3200, 4000)).auc()).isGreaterThan(0.8);
  }

  private static double value(Model.Term t, Map<String, Double> x) {
    return t.value(x);
  }

  @Test
  void fieldsWithMissingValuesAndUnseenCategoriesScoreAndAreExplained() {
    // 300 customers: churn follows the plan and the calls.
    cypher("""
        WITH datetime() AS now
        UNWIND range(1, 300) AS i
        WITH now, i, CASE i % 3 WHEN 0 THEN 'monthly' WHEN 1 THEN 'annual' ELSE 'two-year' END AS plan, i % 7 AS calls
        WITH now, i, plan, calls, (plan = 'monthly' AND calls >= 3) OR i % 11 = 0 AS churned
        CREATE (a:Account {id: 'acc_f' + i, name: 'Customer ' + i, field_plan: plan, field_calls: toString(calls)})
        CREATE (a)-[:HAD_OUTCOME]->(:Outcome {kind: 'CHURN_RISK', entityId: a.id, at: now - duration({hours: 400 - i}), positive: churned})
        """);
    List<FieldSpec> fields = FieldSpec.parse(List.of("plan", "calls:numeric:increasing"));
    Trainer.Result r = trainer.train(ScoreKind.CHURN_RISK, trainer.examples(ScoreKind.CHURN_RISK, Instant.now()), properties.allowed(ScoreKind.CHURN_RISK), fields);
    assertThat(r.published()).as(r.message()).isTrue();
    assertThat(r.model().fields()).containsExactlyInAnyOrder("field_plan", "field_calls");
    // Quality per level of the categorical field, on the test window.
    assertThat(r.model().segments()).filteredOn(q -> q.dimension().equals("field_plan")).extracting(Model.SegmentQuality::value)
        .contains("monthly", "annual");
    cypher("""
        CREATE (:Account {id: 'acc_new_plan', name: 'New plan', field_plan: 'lifetime'})
        CREATE (:Account {id: 'acc_risky', name: 'Risky', field_plan: 'monthly', field_calls: '6'})""");
    Score unseen = scorer.score(ScoreKind.CHURN_RISK, "acc_new_plan").orElseThrow();
    assertThat(unseen.probability()).isBetween(0.0, 1.0);
    Score risky = scorer.score(ScoreKind.CHURN_RISK, "acc_risky").orElseThrow();
    assertThat(risky.probability()).isGreaterThan(unseen.probability());
    assertThat(risky.explanation().up()).extracting(Score.Factor::sentence).anySatisfy(s -> assertThat(s).containsAnyOf("Plan: monthly", "Calls: 6"));
    // GraphQL shows the same factors, and the model's shapes bin by bin.
    if (!r.model().terms().isEmpty()) {
      graphQl.document("{ model(kind: CHURN_RISK) { weights { feature } shapes { name inputs bins { label logOdds } } } }").execute()
          .path("model.shapes[*].name").entityList(String.class).contains("field_plan")
          .path("model.shapes[?(@.name == 'field_plan')].bins[*].label").entityList(String.class).contains("monthly", "missing");
    } else {
      graphQl.document("{ model(kind: CHURN_RISK) { weights { feature } shapes { name } } }").execute()
          .path("model.weights[*].feature").entityList(String.class).contains("field_plan=monthly");
    }
    graphQl.document("{ account(id: \"acc_risky\") { score { explanation { up { feature sentence logOdds } } } } }").execute()
        .path("account.score.explanation.up[*].sentence").entityList(String.class)
        .satisfies(s -> assertThat(String.join(" | ", s)).containsAnyOf("Plan: monthly", "Calls: 6"));
  }

  @Test
  void aForbiddenFieldIsNeverLearntNorReadEvenFromAStoredModel() {
    ScoreProperties withGender = new ScoreProperties(14, List.of("afterHoursActivity", "field_gender"), 40, 0.95, 1.0, Duration.ofSeconds(5),
        Duration.ofHours(6), Map.of(ScoreKind.CHURN_RISK, List.of("gender", "calls:numeric")));
    assertThat(withGender.fields(ScoreKind.CHURN_RISK)).extracting(FieldSpec::property).containsExactly("field_calls");
    // A model stored before the field was forbidden loses the term when loaded.
    Model.Axis gender = new Model.Axis("field_gender", true, List.of(), List.of("f", "m"));
    Model stored = new Model(ScoreKind.CHURN_RISK, 1, Model.Status.ACTIVE, false, -1, List.of(),
        List.of(new Model.Term(List.of(gender), List.of(0.5, -0.5, 0.0, 0.0))), 1, 0, null, null, List.of(), null, Instant.EPOCH, "");
    Models strict = new Models(neo4j, withGender);
    strict.save(stored);
    assertThat(strict.active(ScoreKind.CHURN_RISK).terms()).isEmpty();
    assertThat(strict.active(ScoreKind.CHURN_RISK).note()).contains("forbidden features dropped");
  }

  /**
   * Issue #18's leak guard by time: a CRM fills in a cancellation reason when a customer leaves, and its export taken
   * after the outcomes holds it for exactly the churned. Read as it is now, that column separates the outcomes and the
   * model was refused as a leak; read as it was at each example's moment (a month before its outcome), it was blank
   * for everyone — set only afterwards — so it is refused by name and the model learns from what was known then (the
   * plan, read as it was for the customers who changed plan later), saying so.
   */
  /**
   * Protected attributes are refused by default, named as the file's header names them ("SeniorCitizen") or as the
   * import wrote them: a customer export that carries gender, where gender happens to separate the outcomes, trains a
   * model without it, and the training note says which fields were refused and why. Emptying the list is the user's
   * explicit decision, and only then is the field learnt.
   */
  @Test
  void aProtectedAttributeIsNotLearntByDefaultAndTheNoteSaysSo() throws IOException {
    Map<ScoreKind, List<String>> named = Map.of(ScoreKind.CHURN_RISK, List.of("gender", "SeniorCitizen", "plan", "Customer_Service_Calls:numeric"));
    ScoreProperties guarded = new ScoreProperties(14, List.of("afterHoursActivity"), 40, 0.95, 1.0, Duration.ofSeconds(5), Duration.ofHours(6), named);
    assertThat(guarded.fields(ScoreKind.CHURN_RISK)).extracting(FieldSpec::property).containsExactly("field_plan", "field_customer_service_calls");
    assertThat(guarded.refusedAsProtected(ScoreKind.CHURN_RISK)).containsExactly("field_gender", "field_senior_citizen");
    // application.yml names the same list (it has to, for the environment variable to replace it).
    assertThat(properties.protectedFields()).containsExactly(ScoreProperties.DEFAULT_PROTECTED.split(","));
    ScoreProperties allowed = new ScoreProperties(14, List.of("afterHoursActivity"), 40, 0.95, 1.0, Duration.ofSeconds(5), Duration.ofHours(6), named, List.of());
    assertThat(allowed.fields(ScoreKind.CHURN_RISK)).hasSize(4);

    StringBuilder file = new StringBuilder("customerID,gender,SeniorCitizen,plan,Customer_Service_Calls,Churn\n");
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 160; i++) {
      boolean churned = random.nextDouble() < 0.4;
      String gender = (random.nextDouble() < 0.9) == churned ? "Female" : "Male";
      String plan = (random.nextDouble() < 0.7) == churned ? "monthly" : "annual";
      file.append("C-%03d,%s,%d,%s,%d,%s%n".formatted(i, gender, random.nextInt(2), plan, random.nextInt(6), churned ? "Yes" : "No"));
    }
    Path customers = Files.writeString(dir.resolve("customers.csv"), file);
    importFile(IngestKind.ACCOUNT, customers, Map.of());
    assertThat(importFile(IngestKind.OUTCOME, customers, Map.of("kind", "=churn-risk")).outcome().ingested()).isEqualTo(160);
    Trainer strict = new Trainer(neo4j, engine, new Models(neo4j, guarded), guarded, java.time.Clock.systemUTC());
    Trainer.Result r = strict.train(ScoreKind.CHURN_RISK, strict.examples(ScoreKind.CHURN_RISK, Instant.now()), guarded.allowed(ScoreKind.CHURN_RISK));
    assertThat(r.model().fields()).as(r.message()).doesNotContain("field_gender", "field_senior_citizen").contains("field_plan");
    assertThat(r.message()).contains("Not learnt from, as protected attributes (customer-graph.score.protected-fields): field_gender, field_senior_citizen.");
    cypher("MATCH (m:Model) DETACH DELETE m");
    Trainer open = new Trainer(neo4j, engine, new Models(neo4j, allowed), allowed, java.time.Clock.systemUTC());
    Trainer.Result learnt = open.train(ScoreKind.CHURN_RISK, open.examples(ScoreKind.CHURN_RISK, Instant.now()), allowed.allowed(ScoreKind.CHURN_RISK));
    assertThat(learnt.model().fields()).as(learnt.message()).contains("field_gender");
    assertThat(learnt.message()).doesNotContain("protected attributes");
  }

  /**
   * The README's path: accounts imported before the service was told which fields to learn from are scored without
   * them; the model then published reads the fields, and every stored score must follow it. Recomputed from the stored
   * features alone, every account of a Telco-shaped file got one probability ("Contract: missing").
   */
  @Test
  void scoresStoredBeforeTheFieldsWereNamedFollowAModelThatReadsThem() throws IOException {
    StringBuilder file = new StringBuilder("id,plan,churned\n");
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < 160; i++) {
      boolean churned = random.nextDouble() < 0.4;
      file.append("C-%03d,%s,%s%n".formatted(i, (random.nextDouble() < 0.8) == churned ? "monthly" : "annual", churned ? "yes" : "no"));
    }
    Path customers = Files.writeString(dir.resolve("customers.csv"), file);
    importFile(IngestKind.ACCOUNT, customers, Map.of());
    importFile(IngestKind.OUTCOME, customers, Map.of("outcome", "churned", "kind", "=churn-risk"));
    scorer.rescoreAll(ScoreKind.CHURN_RISK); // no fields named yet: stored without them
    ScoreProperties named = new ScoreProperties(14, List.of("afterHoursActivity"), 40, 0.95, 1.0, Duration.ofSeconds(5), Duration.ofHours(6),
        Map.of(ScoreKind.CHURN_RISK, List.of("plan")));
    Trainer withFields = new Trainer(neo4j, engine, new Models(neo4j, named), named, java.time.Clock.systemUTC());
    Trainer.Result r = withFields.train(ScoreKind.CHURN_RISK, withFields.examples(ScoreKind.CHURN_RISK, Instant.now()), named.allowed(ScoreKind.CHURN_RISK));
    assertThat(r.published()).as(r.message()).isTrue();
    assertThat(r.model().fields()).contains("field_plan");
    models.forget();
    scorer.reapply(ScoreKind.CHURN_RISK);
    List<String> ids = neo4j.query("MATCH (a:Account) RETURN a.id ORDER BY a.id").fetchAs(String.class).all().stream().toList();
    Map<String, Score> stored = scorer.scores(ScoreKind.CHURN_RISK, ids, Instant.now());
    assertThat(stored.values().stream().map(Score::probability).distinct().count()).as("one probability for everyone").isGreaterThan(1);
    assertThat(stored.values()).allSatisfy(s -> assertThat(s.explanation().summary()).doesNotContain("Plan: missing"));
  }

  /**
   * A summary names an own field by its value, once: the straight line learns each level of a category as a factor of
   * its own, and they all say the entity's one value. A Telco-shaped file summed up a customer as "because contract
   * (0) and contract (0); against it: contract (0)".
   */
  @Test
  void aSummarySaysAnOwnFieldsValueOnce() {
    List<Score.Factor> up = List.of(
        new Score.Factor("field_contract=Two year", "contract", 0, 0.9, 0.1, "Contract: Month-to-month", List.of()),
        new Score.Factor("field_contract=One year", "contract", 0, 0.5, 0.05, "Contract: Month-to-month", List.of()),
        new Score.Factor("field_tenure", "tenure", 2, 0.4, 0.04, "Tenure: 2", List.of()));
    List<Score.Factor> down = List.of(
        new Score.Factor("field_contract=Month-to-month", "contract", 1, -0.2, -0.02, "Contract: Month-to-month", List.of()),
        new Score.Factor("field_online_backup=Yes", "online backup", 1, -0.1, -0.01, "Online backup: Yes", List.of()));
    assertThat(Sentences.summary("A", 0.76, up, down, Instant.now()))
        .isEqualTo("High (A, 0.76) because Contract: Month-to-month and Tenure: 2; against it: Online backup: Yes");
    // A pair's shape says its fields again: "… because International plan: Yes and Total intl calls: 2 and
    // International plan: Yes" on the telecom file.
    List<Score.Factor> pair = List.of(
        new Score.Factor("field_international_plan=Yes×field_total_intl_calls", "international plan × total intl calls", 1, 3.1, 0.3,
            "International plan: Yes and Total intl calls: 2", List.of()),
        new Score.Factor("field_international_plan=Yes", "international plan", 1, 2.1, 0.2, "International plan: Yes", List.of()),
        new Score.Factor("field_total_day_minutes", "total day minutes", 310, 1.2, 0.1, "Total day minutes: 310", List.of()));
    assertThat(Sentences.summary("A", 0.99, pair, List.of(), Instant.now()))
        .isEqualTo("High (A, 0.99) because International plan: Yes with Total intl calls: 2 and Total day minutes: 310");
  }

  @Test
  void aFieldFilledInAfterTheOutcomeIsReadAsItWasAtTheExamplesMoment() throws IOException {
    StringBuilder before = new StringBuilder("id,plan,cancel_reason\n");
    StringBuilder after = new StringBuilder("id,plan,cancel_reason\n");
    StringBuilder outcomes = new StringBuilder("id,churned,at\n");
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 120; i++) {
      boolean churned = i % 2 == 0;
      // The plan says something about churn, not everything.
      String plan = (random.nextDouble() < 0.8) == churned ? "monthly" : "annual";
      before.append("C-%d,%s,%n".formatted(i, plan));
      // Ten customers who stayed moved to another plan after their outcome.
      after.append("C-%d,%s,%s%n".formatted(i, i % 12 == 1 ? "enterprise" : plan, churned ? "price" : ""));
      outcomes.append("C-%d,%s,2026-03-01%n".formatted(i, churned ? "yes" : "no"));
    }
    importFile(IngestKind.ACCOUNT, Files.writeString(dir.resolve("january.csv"), before), Map.of());
    importFile(IngestKind.OUTCOME, Files.writeString(dir.resolve("outcomes.csv"), outcomes),
        Map.of("id", "id", "outcome", "churned", "at", "at", "kind", "=churn-risk"));
    importFile(IngestKind.ACCOUNT, Files.writeString(dir.resolve("today.csv"), after), Map.of());
    assertThat(count("MATCH (a:Account) WHERE a.field_cancel_reason = 'price' RETURN count(a)")).isEqualTo(60);

    List<FieldSpec> fields = FieldSpec.parse(List.of("plan", "cancel_reason"));
    Trainer.Result r = trainer.train(ScoreKind.CHURN_RISK, trainer.examples(ScoreKind.CHURN_RISK, Instant.now()), properties.allowed(ScoreKind.CHURN_RISK), fields);
    assertThat(r.message()).doesNotContain("separates the training outcomes")
        .contains("Refused: field_cancel_reason had no value at any example's moment and has values now")
        .contains("read as they were at each example's moment", "field_plan (10 of 120 examples)");
    assertThat(r.published()).as(r.message()).isTrue();
    assertThat(r.model().fields()).containsExactly("field_plan");
    assertThat(r.model().features()).noneMatch(f -> f.contains("enterprise"));

    // The field says when its value became known; a score read as of February does not see it, one read now does.
    String churnedId = neo4j.query("MATCH (a:Account {externalId: 'C-0'}) RETURN a.id").fetchAs(String.class).one().orElseThrow();
    graphQl.document("query($id: ID!) { account(id: $id) { ownFields { name value since } } }").variable("id", churnedId).execute()
        .path("account.ownFields[0].name").entity(String.class).isEqualTo("field_cancel_reason")
        .path("account.ownFields[0].since").entity(String.class).satisfies(s -> assertThat(s).isNotBlank())
        .path("account.ownFields[1].name").entity(String.class).isEqualTo("field_plan")
        .path("account.ownFields[1].since").valueIsNull();
    List<Map<String, String>> february = engine.fieldTexts(ScoreKind.CHURN_RISK,
        List.of(new FeatureEngine.Point(churnedId, Instant.parse("2026-02-01T00:00:00Z"))), List.of("field_plan", "field_cancel_reason"));
    assertThat(february.get(0)).containsOnlyKeys("field_plan");
    assertThat(engine.fieldTexts(ScoreKind.CHURN_RISK, List.of(new FeatureEngine.Point(churnedId, Instant.now())), List.of("field_cancel_reason")).get(0))
        .containsEntry("field_cancel_reason", "price");

    // A file that says when its values held dates them: a snapshot of April is not read in March.
    Path april = Files.writeString(dir.resolve("april.csv"), "id,plan,as_of\nC-0,enterprise,2026-04-01\n");
    importFile(IngestKind.ACCOUNT, april, Map.of());
    assertThat(engine.fieldTexts(ScoreKind.CHURN_RISK, List.of(new FeatureEngine.Point(churnedId, Instant.parse("2026-03-15T00:00:00Z"))), List.of("field_plan")).get(0)
        .get("field_plan")).isNotEqualTo("enterprise");
    assertThat(engine.fieldTexts(ScoreKind.CHURN_RISK, List.of(new FeatureEngine.Point(churnedId, Instant.parse("2026-04-02T00:00:00Z"))), List.of("field_plan")).get(0))
        .containsEntry("field_plan", "enterprise");
    assertThat(count("MATCH (a:Account) WHERE a.field_as_of IS NOT NULL RETURN count(a)")).as("the as-of column is read, not kept as a field").isZero();
  }

  /** An as-of time that cannot be read, or lies in the future, quarantines its row with the reason; what was stored stays. */
  @Test
  void anAsOfTimeThatCannotHoldQuarantinesItsRowAndKeepsWhatWasStored() throws IOException {
    importFile(IngestKind.ACCOUNT, Files.writeString(dir.resolve("book.csv"), "id,plan\nC-1,gold\nC-2,silver\n"), Map.of());
    Path bad = Files.writeString(dir.resolve("later.csv"), "id,plan,as_of\nC-1,bronze,last tuesday\nC-2,bronze,2999-01-01\n");
    Importer.Summary s = importFile(IngestKind.ACCOUNT, bad, Map.of());
    assertThat(s.outcome().quarantined()).isEqualTo(2);
    assertThat(neo4j.query("MATCH (r:SourceRecord {status: 'QUARANTINED'}) RETURN r.reason AS reason ORDER BY reason").fetchAs(String.class).all())
        .satisfiesExactly(
            r -> assertThat(r).contains("as-of time 2999-01-01", "is in the future"),
            r -> assertThat(r).contains("unreadable as-of time 'last tuesday'", "ISO-8601"));
    assertThat(neo4j.query("MATCH (a:Account) RETURN a.field_plan ORDER BY a.externalId").fetchAs(String.class).all()).containsExactly("gold", "silver");
  }

  @Test
  void fieldSpecsThatMakeNoSenseAreRefusedByName() {
    assertThatThrownBy(() -> FieldSpec.parse(List.of("plan:categorical:increasing"))).hasMessageContaining("cannot be monotone");
    assertThatThrownBy(() -> FieldSpec.parse(List.of("calls:sometimes"))).hasMessageContaining("unknown part 'sometimes'");
    assertThatThrownBy(() -> FieldSpec.parse(List.of("a b"))).hasMessageContaining("is not a field name");
  }

  /**
   * The public telecom churn files through the product's own path (import accounts with their fields, import the
   * training file's outcomes, train, read the test file's scores): the learnt shapes rank the held-out customers far
   * better than chance and than a straight line (logistic regression on the same columns: AUC 0.81).
   */
  @Test
  void theTelecomChurnFilesLearntThroughTheProductsPathRankHeldOutCustomers() throws IOException {
    Path train = TestData.path("outcomes/churn-bigml-80.csv");
    Path test = TestData.path("outcomes/churn-bigml-20.csv");
    importFile(IngestKind.ACCOUNT, train, Map.of("id", "@row"));
    importFile(IngestKind.ACCOUNT, test, Map.of("id", "@row"));
    Importer.Summary outcomes = importFile(IngestKind.OUTCOME, train, Map.of("id", "@row", "kind", "=churn-risk"));
    assertThat(outcomes.outcome().ingested()).isEqualTo(2661);
    // Every column but the outcome, as the README's configuration names them.
    List<FieldSpec> fields = FieldSpec.parse(List.of(("state,account_length,area_code,international_plan,voice_mail_plan,number_vmail_messages,"
        + "total_day_minutes,total_day_calls,total_day_charge,total_eve_minutes,total_eve_calls,total_eve_charge,total_night_minutes,"
        + "total_night_calls,total_night_charge,total_intl_minutes,total_intl_calls,total_intl_charge,customer_service_calls").split(",")));
    Trainer.Result r = trainer.train(ScoreKind.CHURN_RISK, trainer.examples(ScoreKind.CHURN_RISK, Instant.now()), properties.allowed(ScoreKind.CHURN_RISK), fields);
    assertThat(r.published()).as(r.message()).isTrue();
    Map<String, Boolean> churned = new HashMap<>();
    neo4j.query("MATCH (a:Account) WHERE a.externalId STARTS WITH 'churn-bigml-20.csv:' RETURN a.id AS id, a.field_churn AS churn").fetch().all()
        .forEach(row -> churned.put((String) row.get("id"), "TRUE".equalsIgnoreCase((String) row.get("churn"))));
    assertThat(churned).hasSize(667);
    List<String> ids = churned.keySet().stream().sorted().toList();
    Map<String, Score> scores = scorer.scores(ScoreKind.CHURN_RISK, ids, Instant.now());
    double[] p = ids.stream().mapToDouble(id -> scores.get(id).probability()).toArray();
    double[] y = ids.stream().mapToDouble(id -> churned.get(id) ? 1 : 0).toArray();
    Quality q = Quality.of(p, y);
    assertThat(q.auc()).as(r.message()).isGreaterThan(0.86);
    assertThat(r.model().fields()).doesNotContain("field_churn");
  }
}
