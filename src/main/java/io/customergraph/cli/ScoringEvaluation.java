package io.customergraph.cli;

import io.customergraph.CustomerGraphApplication;
import io.customergraph.demo.DemoLoader;
import io.customergraph.demo.DemoWorld;
import io.customergraph.demo.DemoWorldGenerator;
import io.customergraph.ingest.Importer;
import io.customergraph.ingest.IngestKind;
import io.customergraph.language.Signals;
import io.customergraph.score.Quality;
import io.customergraph.score.Score;
import io.customergraph.score.ScoreKind;
import io.customergraph.score.Scorer;
import io.customergraph.score.Scoring;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.graphql.ExecutionGraphQlRequest;
import org.springframework.graphql.ExecutionGraphQlResponse;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.support.DefaultExecutionGraphQlRequest;

/**
 * {@code evaluate-scoring}: AUC of each score kind against the demo world's planted future, DEAL_WIN on the CRM
 * pipeline against an own-fields baseline with a time split, and speed (rescoring throughput, score-with-explanation
 * latency against a plain account read) on a large world. Prints figures; asserts nothing.
 */
final class ScoringEvaluation {

  private ScoringEvaluation() {}

  static int run(Map<String, String> o, PrintStream out) throws IOException {
    int accounts = Cli.intOption(o, "accounts", 200);
    long seed = Cli.longOption(o, "seed", 42);
    Path crm = Path.of(o.getOrDefault("crm", "../shared/data/crm"));
    boolean skipSpeed = "true".equals(o.get("skip-speed"));
    int speedAccounts = Cli.intOption(o, "speed-accounts", 21_000);
    int reads = Cli.intOption(o, "reads", 2_000);
    out.printf("Customer Graph scoring evaluation — %d cores, max heap %d MB, JDK %s%n",
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, Runtime.version());
    List<String> parts = List.of(o.getOrDefault("parts", "demo,crm,churn,mail,speed").split(","));
    for (String part : parts) {
      if (!List.of("demo", "crm", "churn", "mail", "speed").contains(part.strip())) {
        throw new IllegalArgumentException("--parts takes demo, crm, churn, mail and speed separated by commas, got '" + part + "'");
      }
    }
    if (parts.contains("demo")) {
      demoWorld(accounts, seed, o.containsKey("anchor") ? LocalDate.parse(o.get("anchor")) : LocalDate.now(ZoneOffset.UTC), out);
    }
    if (parts.contains("crm") && Files.isDirectory(crm)) {
      crmPipeline(crm, out);
    } else if (parts.contains("crm")) {
      out.println("CRM pipeline: skipped, no directory " + crm + " (--crm DIR)");
    }
    Path churnTrain = Path.of(o.getOrDefault("churn-train", "../shared/data/outcomes/churn-bigml-80.csv"));
    Path churnTest = Path.of(o.getOrDefault("churn-test", "../shared/data/outcomes/churn-bigml-20.csv"));
    if (parts.contains("churn") && Files.isRegularFile(churnTrain) && Files.isRegularFile(churnTest)) {
      ChurnColumns columns = churnColumns(churnTrain, o.get("churn-column"), o.get("churn-fields"));
      churn(churnTrain, churnTest, columns, out);
    } else if (parts.contains("churn")) {
      out.println("Telecom churn: skipped, no files " + churnTrain + " and " + churnTest + " (--churn-train FILE --churn-test FILE)");
    }
    Path maildir = Path.of(o.getOrDefault("mail", "../shared/data/email/maildir/allen-p"));
    if (parts.contains("mail") && Files.isDirectory(maildir)) {
      enron(maildir, out);
    } else if (parts.contains("mail")) {
      out.println("Real mail: skipped, no directory " + maildir + " (--mail DIR)");
    }
    if (!skipSpeed && parts.contains("speed")) {
      speed(speedAccounts, seed, reads, out);
    }
    return 0;
  }

  private static ConfigurableApplicationContext start(Path dir, String... more) {
    List<String> args = new ArrayList<>(List.of(
        "--customer-graph.neo4j.data-directory=" + dir,
        "--customer-graph.neo4j.bolt-port=" + Benchmark.freePort(),
        "--customer-graph.neo4j.page-cache=1GB",
        "--customer-graph.demo.enabled=false",
        "--customer-graph.language.train-on-start=false",
        "--customer-graph.score.refresh-delay=PT24H",
        "--logging.level.root=warn"));
    args.addAll(List.of(more));
    return new SpringApplicationBuilder(CustomerGraphApplication.class)
        .web(WebApplicationType.NONE)
        .logStartupInfo(false)
        .run(args.toArray(String[]::new));
  }

  /**
   * The demo world loaded as the service loads it, scored, and compared with its hidden future. With an anchor in the
   * past (a world whose history ended then), scores are read both now — every time-weighted signal faded — and as of
   * the anchor, as a user reads last year's data.
   */
  private static void demoWorld(int accounts, long seed, LocalDate anchor, PrintStream out) throws IOException {
    DemoWorld world = DemoWorldGenerator.generate(seed, accounts, anchor);
    Path dir = Files.createTempDirectory("cg-score-demo");
    try (ConfigurableApplicationContext app = start(dir)) {
      app.getBean(DemoLoader.class).load(world);
      app.getBean(Signals.class).recomputeAll();
      Scorer scorer = app.getBean(Scorer.class);
      Scoring scoring = app.getBean(Scoring.class);
      out.printf("%nDemo world — %d accounts, seed %d, anchor %s (truth is the planted future: never in the graph)%n", accounts, seed, anchor);
      for (ScoreKind kind : ScoreKind.values()) {
        Scoring.Trained t = scoring.train(kind);
        out.printf("  %-13s model: %s%n", kind, t.message());
      }
      long started = System.nanoTime();
      long n = 0;
      for (ScoreKind kind : ScoreKind.values()) {
        n += scorer.rescoreAll(kind);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      out.printf("  rescored all   %,d entities in %.1f s (%,.0f entities/s, features now and 7 days before)%n", n, seconds, n / seconds);
      Map<String, DemoWorld.AccountTruth> truth = new HashMap<>();
      world.truth().accounts().forEach(a -> truth.put(a.id(), a));
      Neo4jClient neo4j = app.getBean(Neo4jClient.class);
      Instant today = Instant.now();
      Instant end = anchor.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      List<Instant> moments = end.isBefore(today.minus(java.time.Duration.ofDays(1))) ? List.of(today, end) : List.of(today);
      for (Instant now : moments) {
        if (moments.size() > 1) {
          out.printf("  read %s:%n", now == today ? "now" : "as of " + anchor + " (asOf: the graph as it was at the end of its history)");
        }

        // Churn: customers, against willChurn.
        List<String> customers = world.truth().accounts().stream().filter(a -> a.willChurn() != null).map(DemoWorld.AccountTruth::id).toList();
        report(out, "CHURN_RISK", "customers that will churn", scorer.scores(ScoreKind.CHURN_RISK, customers, now),
            id -> truth.get(id).willChurn());
        // Leads: people at prospects, against whether their account will buy.
        Map<String, String> accountOf = new HashMap<>();
        neo4j.query("MATCH (c:Contact)-[:WORKS_AT]->(a:Account {status: 'PROSPECT'}) RETURN c.id AS c, a.id AS a").fetch().all()
            .forEach(r -> accountOf.put((String) r.get("c"), (String) r.get("a")));
        List<String> leads = accountOf.keySet().stream().filter(c -> truth.containsKey(accountOf.get(c)) && truth.get(accountOf.get(c)).willBuy() != null).sorted().toList();
        report(out, "LEAD_PRIORITY", "people at prospects that will buy", scorer.scores(ScoreKind.LEAD_PRIORITY, leads, now),
            id -> truth.get(accountOf.get(id)).willBuy());
        // Deals: open deals, against their fate.
        Map<String, Boolean> fate = new HashMap<>();
        world.truth().deals().stream().filter(d -> !d.stage().equals("WON") && !d.stage().equals("LOST")).forEach(d -> fate.put(d.id(), d.willWin()));
        report(out, "DEAL_WIN", "open deals that will be won", scorer.scores(ScoreKind.DEAL_WIN, fate.keySet().stream().sorted().toList(), now),
            fate::get);
      }
    } finally {
      Benchmark.delete(dir);
    }
  }

  private static void report(PrintStream out, String kind, String what, Map<String, Score> scores, java.util.function.Function<String, Boolean> label) {
    double[] p = new double[scores.size()];
    double[] y = new double[scores.size()];
    int i = 0;
    for (Map.Entry<String, Score> e : scores.entrySet()) {
      p[i] = e.getValue().probability();
      y[i++] = Boolean.TRUE.equals(label.apply(e.getKey())) ? 1 : 0;
    }
    Quality q = io.customergraph.score.Scoring.quality(p, y);
    out.printf("  %-13s AUC %.3f  Brier %.3f  on %,d %s (%d positive)%n", kind, q.auc(), q.brier(), q.examples(), what, q.positives());
  }

  /** The CRM pipeline: DEAL_WIN with every feature against the deal's own fields only, on the same time split. */
  private static void crmPipeline(Path crm, PrintStream out) throws IOException {
    Path dir = Files.createTempDirectory("cg-score-crm");
    // close_value is 0 for every lost deal of this data set: the amount is the outcome, so it is forbidden here.
    try (ConfigurableApplicationContext app = start(dir, "--customer-graph.score.forbidden-features=afterHoursActivity,dealSize")) {
      Importer importer = app.getBean(Importer.class);
      long started = System.nanoTime();
      importer.importFiles(IngestKind.ACCOUNT, List.of(crm.resolve("accounts.csv")), Map.of(), p -> {});
      importer.importFiles(IngestKind.REP, List.of(crm.resolve("sales_teams.csv")), Map.of(), p -> {});
      importer.importFiles(IngestKind.PRODUCT, List.of(crm.resolve("products.csv")), Map.of(), p -> {});
      Importer.Summary deals = importer.importFiles(IngestKind.DEAL, List.of(crm.resolve("sales_pipeline.csv")), Map.of(), p -> {});
      out.printf("%nCRM pipeline (%s) — %,d deals imported in %.1f s%n", crm, deals.outcome().total(), (System.nanoTime() - started) / 1e9);
      Scoring.Comparison c = app.getBean(Scoring.class).compareWithBaseline(ScoreKind.DEAL_WIN, List.of());
      out.printf("  time split: train on the older %,d closed deals, test on the newest %,d (%d won overall)%n",
          c.trainExamples(), c.testExamples(), c.positives());
      out.printf("  %-44s AUC %.3f (95%% %.3f–%.3f)  Brier %.4f  log loss %.4f%n", "baseline (own fields: " + String.join(", ", c.baselineFeatures()) + ")",
          c.baseline().auc(), c.baselineAuc().low(), c.baselineAuc().high(), c.baseline().brier(), c.baseline().logLoss());
      out.printf("  %-44s AUC %.3f (95%% %.3f–%.3f)  Brier %.4f  log loss %.4f%n", "graph features (same model, all features)",
          c.graph().auc(), c.graphAuc().low(), c.graphAuc().high(), c.graph().brier(), c.graph().logLoss());
      out.printf("  graph minus baseline: AUC %+.3f, 95%% paired bootstrap interval %+.3f to %+.3f (1,000 resamples of the test deals)%n",
          c.graph().auc() - c.baseline().auc(), c.difference().low(), c.difference().high());
      out.println("  " + c.graphLearner());
      out.println("  weights of the graph model (log-odds per standard deviation; none when learnt shapes won):");
      c.graphWeights().stream().filter(w -> Math.abs(w.weight()) > 1e-6)
          .sorted((a, b) -> Double.compare(Math.abs(b.weight()), Math.abs(a.weight())))
          .forEach(w -> out.printf("    %-20s %+.3f%n", w.feature(), w.weight()));
      Scoring.Trained t = app.getBean(Scoring.class).train(ScoreKind.DEAL_WIN);
      out.printf("  trainModel(DEAL_WIN): %s%n", t.message());
    } finally {
      Benchmark.delete(dir);
    }
  }

  /**
   * The columns of a churn file: the outcome, the own fields learnt from, and those left out with why.
   *
   * @param outcome the column holding what happened (yes/no, true/false, 1/0…)
   * @param fields the own fields, as {@code customer-graph.score.fields.churn-risk} names them
   * @param leftOut columns not learnt from, each with the reason
   */
  record ChurnColumns(String outcome, String fields, List<String> leftOut) {}

  /**
   * Reads a churn training file's header and values: the outcome column ({@code --churn-column}, else the first of
   * {@link io.customergraph.ingest.OutcomeValues#COLUMNS} the header holds) and, unless {@code --churn-fields} names
   * them, every other column but identifiers (an id-like name with a value per row, or text or whole numbers that
   * never repeat), people's names and contact details, and protected attributes
   * ({@link io.customergraph.score.ScoreProperties#DEFAULT_PROTECTED}; the product would refuse them anyway).
   */
  static ChurnColumns churnColumns(Path train, @org.jspecify.annotations.Nullable String outcomeOption,
      @org.jspecify.annotations.Nullable String fieldsOption) throws IOException {
    List<Map<String, String>> rows = rows(train);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(train + " holds no rows under its header");
    }
    List<String> header = List.copyOf(rows.get(0).keySet());
    String outcome = outcomeOption != null ? header.stream().filter(h -> h.equalsIgnoreCase(outcomeOption.strip())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("--churn-column %s: %s has no such column (it has %s)".formatted(outcomeOption, train, header)))
        : java.util.Optional.ofNullable(io.customergraph.ingest.OutcomeValues.column(header))
            .orElseThrow(() -> new IllegalArgumentException("%s has no churn column (one of %s); name it with --churn-column (its columns: %s)"
                .formatted(train, io.customergraph.ingest.OutcomeValues.COLUMNS, header)));
    if (fieldsOption != null) {
      return new ChurnColumns(outcome, fieldsOption, List.of());
    }
    java.util.Set<String> protectedNames = java.util.Set.of(io.customergraph.score.ScoreProperties.DEFAULT_PROTECTED.split(","));
    List<String> fields = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    for (String column : header) {
      if (column.equals(outcome)) {
        continue;
      }
      String snake = io.customergraph.graph.FieldHistory.snakeCase(column);
      List<String> values = rows.stream().map(r -> r.getOrDefault(column, "")).toList();
      boolean unique = values.stream().distinct().count() == values.size();
      boolean wholeNumbers = values.stream().allMatch(v -> v.matches("-?[0-9]+"));
      boolean numbers = values.stream().allMatch(v -> v.isBlank() || v.matches("-?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?"));
      String k = key(column);
      if (List.of("id", "rowid", "rownumber", "row", "index", "customerid", "accountid", "clientid", "userid", "externalid").contains(k)
          || (k.endsWith("id") && unique) || (unique && (wholeNumbers || !numbers))) {
        leftOut.add(column + " (an identifier)");
      } else if (List.of("name", "surname", "firstname", "lastname", "fullname", "givenname", "email", "phone", "address").contains(k)) {
        leftOut.add(column + " (a person's name or contact details)");
      } else if (protectedNames.contains(snake)) {
        leftOut.add(column + " (a protected attribute)");
      } else {
        fields.add(snake);
      }
    }
    return new ChurnColumns(outcome, String.join(",", fields), List.copyOf(leftOut));
  }

  private static String key(String column) {
    return column.toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s_\\-.]", "");
  }

  /**
   * A telecom churn set through the product's own path, as the README tells a user: accounts imported with their own
   * fields ({@code import account … --map id=@row}), outcomes of the training file imported ({@code import outcome …
   * --kind churn-risk --map id=@row}), {@code trainModel(CHURN_RISK)}, then the scores of the test file's accounts
   * read and compared with its churn column (read here from the file, never from the graph). Beside it a plain
   * logistic regression on the same columns fitted outside the product (Apache Commons Math, IRLS).
   */
  private static void churn(Path trainFile, Path testFile, ChurnColumns columns, PrintStream out) throws IOException {
    Path dir = Files.createTempDirectory("cg-score-churn");
    String fields = columns.fields();
    try (ConfigurableApplicationContext app = start(dir, "--customer-graph.score.fields.churn-risk=" + fields)) {
      Importer importer = app.getBean(Importer.class);
      long started = System.nanoTime();
      Map<String, String> byRow = Map.of("id", "@row");
      importer.importFiles(IngestKind.ACCOUNT, List.of(trainFile, testFile), byRow, p -> {});
      Importer.Summary outcomes = importer.importFiles(IngestKind.OUTCOME, List.of(trainFile),
          Map.of("id", "@row", "outcome", columns.outcome(), "kind", "=churn-risk"), p -> {});
      out.printf("%nTelecom churn — train %s, test %s (%,d outcomes imported, %d quarantined; %.1f s with the accounts)%n",
          trainFile.getFileName(), testFile.getFileName(), outcomes.outcome().total(), outcomes.outcome().quarantined(), (System.nanoTime() - started) / 1e9);
      out.printf("  outcome column: %s%n  fields: %s%n", columns.outcome(), fields);
      if (!columns.leftOut().isEmpty()) {
        out.printf("  left out: %s%n", String.join(", ", columns.leftOut()));
      }
      long t0 = System.nanoTime();
      Scoring.Trained t = app.getBean(Scoring.class).train(ScoreKind.CHURN_RISK);
      out.printf("  trainModel(CHURN_RISK) in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, t.message());
      Map<String, Boolean> truth = churnColumn(testFile, columns.outcome());
      Neo4jClient neo4j = app.getBean(Neo4jClient.class);
      Map<String, String> idOf = new HashMap<>();
      neo4j.query("MATCH (a:Account) WHERE a.externalId STARTS WITH $prefix RETURN a.externalId AS ext, a.id AS id")
          .bind(testFile.getFileName() + ":").to("prefix").fetch().all()
          .forEach(r -> idOf.put((String) r.get("id"), (String) r.get("ext")));
      List<String> ids = idOf.keySet().stream().sorted().toList();
      Map<String, Score> scores = app.getBean(Scorer.class).scores(ScoreKind.CHURN_RISK, ids, Instant.now());
      double[] p = new double[ids.size()];
      double[] y = new double[ids.size()];
      for (int i = 0; i < ids.size(); i++) {
        p[i] = scores.get(ids.get(i)).probability();
        y[i] = Boolean.TRUE.equals(truth.get(idOf.get(ids.get(i)))) ? 1 : 0;
      }
      Quality q = Scoring.quality(p, y);
      out.printf("  product (trained model, scores read): AUC %.3f  Brier %.4f  log loss %.4f  on %,d test accounts (%d churned)%n",
          q.auc(), q.brier(), q.logLoss(), q.examples(), q.positives());
      out.println("  reliability (predicted → observed, count):");
      q.reliability().forEach(b -> out.printf("    %.1f–%.1f  %.3f → %.3f  (%d)%n", b.from(), b.to(), b.meanPredicted(), b.observedRate(), b.count()));
      Quality plain = plainLogistic(trainFile, testFile, columns);
      out.printf("  plain logistic regression outside the product (same columns, one-hot categories): AUC %.3f  Brier %.4f  log loss %.4f%n",
          plain.auc(), plain.brier(), plain.logLoss());
      // Explanations of the three riskiest test accounts.
      List<String> riskiest = ids.stream().sorted((a, b) -> Double.compare(scores.get(b).probability(), scores.get(a).probability())).limit(3).toList();
      for (String id : riskiest) {
        Score s = scores.get(id);
        out.printf("  %s (%s, churned: %s): %.2f — %s%n", idOf.get(id), id, truth.get(idOf.get(id)), s.probability(), s.explanation().summary());
        s.explanation().up().stream().limit(3).forEach(f -> out.printf("      %+.2f  %s%n", f.logOdds(), f.sentence()));
      }
    } finally {
      Benchmark.delete(dir);
    }
  }

  private static final org.apache.commons.csv.CSVFormat CSV = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader()
      .setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get();

  /** The churn column by row place ({@code file:record}, as {@code --map id=@row} keys the rows). */
  private static Map<String, Boolean> churnColumn(Path file, String column) throws IOException {
    Map<String, Boolean> out = new HashMap<>();
    try (var parser = CSV.parse(Files.newBufferedReader(file))) {
      for (var r : parser) {
        out.put(file.getFileName() + ":" + r.getRecordNumber(), outcome(r.get(column), file, r.getRecordNumber()));
      }
    }
    return out;
  }

  /**
   * Logistic regression on the churn files' columns computed with another library: the columns the product learns from
   * ({@link ChurnColumns#fields}), numbers standardised on the training file (a blank is the mean, with a 0/1 input
   * saying it was blank, where the training file has blanks), text columns one-hot (levels of the training file), an
   * L2 penalty of 1, Newton steps solved by Commons Math's QR decomposition.
   */
  static Quality plainLogistic(Path trainFile, Path testFile, ChurnColumns chosen) throws IOException {
    List<Map<String, String>> train = rows(trainFile);
    List<Map<String, String>> test = rows(testFile);
    java.util.Set<String> wanted = java.util.Set.of(chosen.fields().split(","));
    List<String> columns = train.get(0).keySet().stream().filter(c -> !c.equals(chosen.outcome()) && wanted.contains(io.customergraph.graph.FieldHistory.snakeCase(c))).toList();
    List<java.util.function.Function<Map<String, String>, Double>> inputs = new ArrayList<>();
    for (String c : columns) {
      boolean numeric = train.stream().allMatch(r -> r.get(c).isBlank() || r.get(c).matches("-?[0-9.]+"))
          && train.stream().anyMatch(r -> !r.get(c).isBlank());
      if (numeric) {
        double[] v = train.stream().filter(r -> !r.get(c).isBlank()).mapToDouble(r -> Double.parseDouble(r.get(c))).toArray();
        double mean = java.util.Arrays.stream(v).average().orElse(0);
        double sd = Math.sqrt(java.util.Arrays.stream(v).map(d -> (d - mean) * (d - mean)).average().orElse(1));
        inputs.add(r -> blankOrNot(r.get(c)) ? 0 : (Double.parseDouble(r.get(c)) - mean) / (sd == 0 ? 1 : sd));
        if (v.length < train.size()) {
          inputs.add(r -> blankOrNot(r.get(c)) ? 1.0 : 0.0);
        }
      } else {
        train.stream().map(r -> r.get(c)).distinct().sorted().skip(1).forEach(level -> inputs.add(r -> level.equals(r.get(c)) ? 1.0 : 0.0));
      }
    }
    int k = inputs.size() + 1;
    org.apache.commons.math3.linear.RealMatrix x = new org.apache.commons.math3.linear.Array2DRowRealMatrix(train.size(), k);
    double[] y = new double[train.size()];
    for (int i = 0; i < train.size(); i++) {
      x.setEntry(i, 0, 1);
      for (int j = 1; j < k; j++) {
        x.setEntry(i, j, inputs.get(j - 1).apply(train.get(i)));
      }
      y[i] = outcome(train.get(i).get(chosen.outcome()), trainFile, i + 1) ? 1 : 0;
    }
    org.apache.commons.math3.linear.RealVector beta = new org.apache.commons.math3.linear.ArrayRealVector(k);
    for (int iteration = 0; iteration < 30; iteration++) {
      org.apache.commons.math3.linear.RealVector eta = x.operate(beta);
      org.apache.commons.math3.linear.RealMatrix hessian = new org.apache.commons.math3.linear.Array2DRowRealMatrix(k, k);
      org.apache.commons.math3.linear.RealVector gradient = new org.apache.commons.math3.linear.ArrayRealVector(k);
      for (int i = 0; i < y.length; i++) {
        double p = 1 / (1 + Math.exp(-eta.getEntry(i)));
        org.apache.commons.math3.linear.RealVector row = x.getRowVector(i);
        gradient = gradient.add(row.mapMultiply(y[i] - p));
        hessian = hessian.add(row.outerProduct(row).scalarMultiply(p * (1 - p)));
      }
      for (int j = 1; j < k; j++) {
        hessian.addToEntry(j, j, 1.0);
        gradient.addToEntry(j, -beta.getEntry(j));
      }
      org.apache.commons.math3.linear.RealVector step = new org.apache.commons.math3.linear.QRDecomposition(hessian).getSolver().solve(gradient);
      beta = beta.add(step);
      if (step.getLInfNorm() < 1e-8) {
        break;
      }
    }
    double[] p = new double[test.size()];
    double[] yt = new double[test.size()];
    for (int i = 0; i < test.size(); i++) {
      double z = beta.getEntry(0);
      for (int j = 1; j < k; j++) {
        z += beta.getEntry(j) * inputs.get(j - 1).apply(test.get(i));
      }
      p[i] = 1 / (1 + Math.exp(-z));
      yt[i] = outcome(test.get(i).get(chosen.outcome()), testFile, i + 1) ? 1 : 0;
    }
    return Scoring.quality(p, yt);
  }

  /** A row's outcome, or an error naming the file, the row and the value. */
  private static boolean outcome(String value, Path file, long row) {
    try {
      return io.customergraph.ingest.OutcomeValues.positive(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("%s row %d: %s".formatted(file.getFileName(), row, e.getMessage()), e);
    }
  }

  /** A blank value, or one the test file holds where the training file had none (not a number). */
  private static boolean blankOrNot(@org.jspecify.annotations.Nullable String v) {
    return v == null || v.isBlank() || !v.matches("-?[0-9.]+");
  }

  private static List<Map<String, String>> rows(Path file) throws IOException {
    List<Map<String, String>> out = new ArrayList<>();
    try (var parser = CSV.parse(Files.newBufferedReader(file))) {
      for (var r : parser) {
        out.add(new java.util.LinkedHashMap<>(r.toMap()));
      }
    }
    return out;
  }

  /**
   * Real mail from years ago (an Enron maildir, 2000–2002) imported as a user would, then scores read now and as of the
   * day after the newest message: now every time-weighted signal has faded (the explanation says why it is empty);
   * as of then, the busiest correspondents' scores have factors with the paths behind them.
   */
  private static void enron(Path maildir, PrintStream out) throws IOException {
    Path dir = Files.createTempDirectory("cg-score-enron");
    try (ConfigurableApplicationContext app = start(dir)) {
      long started = System.nanoTime();
      Importer.Summary mail = app.getBean(Importer.class).importFiles(IngestKind.EMAIL, List.of(maildir), Map.of(), p -> {});
      app.publishEvent(new io.customergraph.graph.ImportFinished("email", step -> {}));
      Neo4jClient neo4j = app.getBean(Neo4jClient.class);
      java.time.ZonedDateTime newest = neo4j.query("MATCH (e:Email) RETURN max(e.occurredAt) AS t").fetchAs(java.time.ZonedDateTime.class).one().orElseThrow();
      Instant asOf = newest.toInstant().plus(java.time.Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
      long scored = neo4j.query("MATCH (s:Score) RETURN count(s)").fetchAs(Long.class).one().orElse(0L);
      long entities = neo4j.query("MATCH (n) WHERE n:Contact OR n:Account OR n:Deal RETURN count(n)").fetchAs(Long.class).one().orElse(0L);
      out.printf("%nReal mail read as of its own time — %s: %,d emails imported and every entity scored in %.1f s (%,d scores for %,d entities); newest message %s%n",
          maildir, mail.outcome().total(), (System.nanoTime() - started) / 1e9, scored, entities, newest.toLocalDate());
      Scorer scorer = app.getBean(Scorer.class);
      List<String> busiest = List.copyOf(neo4j.query("""
              MATCH (c:Contact)-[:SENT|TO|CC]-(e:Email) WITH c, count(e) AS n ORDER BY n DESC, c.id LIMIT 3 RETURN c.id""")
          .fetchAs(String.class).all());
      for (String id : busiest) {
        Score now = scorer.score(ScoreKind.LEAD_PRIORITY, id).orElseThrow();
        Score then = scorer.score(ScoreKind.LEAD_PRIORITY, id, asOf).orElseThrow();
        String name = neo4j.query("MATCH (c:Contact {id: $id}) RETURN c.name").bind(id).to("id").fetchAs(String.class).one().orElse(id);
        out.printf("  %s (%s)%n", name, id);
        out.printf("    now:          %.2f, %d factors — %s%n", now.probability(), now.explanation().up().size() + now.explanation().down().size(),
            now.explanation().modelNote().replaceAll(".*No factor", "No factor"));
        out.printf("    as of %s: %.2f, %d factors — %s%n", asOf.toString().substring(0, 10), then.probability(),
            then.explanation().up().size() + then.explanation().down().size(), then.explanation().summary());
        for (Score.Factor f : then.explanation().up().stream().limit(2).toList()) {
          out.printf("      %+.2f  %s%n", f.logOdds(), f.sentence().length() > 160 ? f.sentence().substring(0, 157) + "…" : f.sentence());
          f.evidence().stream().limit(1).forEach(p -> out.printf("             path: %s%n", String.join(" → ",
              p.nodes().stream().map(s -> s.label() + " " + (s.displayName().length() > 40 ? s.displayName().substring(0, 37) + "…" : s.displayName())).toList())));
        }
      }
    } finally {
      Benchmark.delete(dir);
    }
  }

  /** A large demo world: rescoring throughput, and score-with-explanation reads against a plain account read. */
  private static void speed(int accounts, long seed, int reads, PrintStream out) throws IOException {
    DemoWorld world = DemoWorldGenerator.generate(seed, accounts, LocalDate.now(ZoneOffset.UTC));
    Path dir = Files.createTempDirectory("cg-score-speed");
    try (ConfigurableApplicationContext app = start(dir)) {
      long t0 = System.nanoTime();
      app.getBean(DemoLoader.class).load(world);
      Neo4jClient neo4j = app.getBean(Neo4jClient.class);
      long contacts = neo4j.query("MATCH (c:Contact) RETURN count(c)").fetchAs(Long.class).one().orElse(0L);
      long interactions = neo4j.query("MATCH (n) WHERE n:Email OR n:Call OR n:Ticket OR n:Invoice OR n:Activity RETURN count(n)").fetchAs(Long.class).one().orElse(0L);
      out.printf("%nSpeed — demo world of %,d accounts: %,d contacts, %,d interactions (loaded in %.0f s; tags not computed)%n",
          accounts, contacts, interactions, (System.nanoTime() - t0) / 1e9);
      Scorer scorer = app.getBean(Scorer.class);
      List<String> sample = List.copyOf(neo4j.query("MATCH (c:Contact) RETURN c.id ORDER BY c.id LIMIT $n").bind(reads).to("n").fetchAs(String.class).all());
      List<String> accountSample = List.copyOf(neo4j.query("MATCH (a:Account) RETURN a.id ORDER BY a.id LIMIT $n").bind(reads).to("n").fetchAs(String.class).all());
      for (ScoreKind kind : List.of(ScoreKind.LEAD_PRIORITY, ScoreKind.CHURN_RISK)) {
        List<String> ids = kind == ScoreKind.LEAD_PRIORITY ? sample : accountSample;
        long t = System.nanoTime();
        int n = scorer.rescore(kind, ids);
        double s = (System.nanoTime() - t) / 1e9;
        out.printf("  batch rescoring %-13s %,6d entities in %5.1f s = %,.0f entities/s%n", kind, n, s, n / s);
      }
      List<String> deals = List.copyOf(neo4j.query("MATCH (d:Deal) RETURN d.id ORDER BY d.id LIMIT $n").bind(reads).to("n").fetchAs(String.class).all());
      long t = System.nanoTime();
      int n = scorer.rescore(ScoreKind.DEAL_WIN, deals);
      double s = (System.nanoTime() - t) / 1e9;
      out.printf("  batch rescoring %-13s %,6d entities in %5.1f s = %,.0f entities/s%n", ScoreKind.DEAL_WIN, n, s, n / s);

      ExecutionGraphQlService graphql = app.getBean(ExecutionGraphQlService.class);
      String scoreQuery = "query($id: ID!) { contact(id: $id) { score { probability band trend explanation { summary "
          + "up { feature logOdds probabilityPoints sentence evidence { nodes { id label displayName at } relationships { type startId endId } } } "
          + "down { feature logOdds sentence } } } } }";
      String plain = "query($id: ID!) { account(id: $id) { name } }";
      // Warm both paths first (JIT, page cache), then alternate so that both see the same machine.
      for (int i = 0; i < Math.min(200, sample.size()); i++) {
        execute(graphql, scoreQuery, sample.get(i));
        execute(graphql, plain, accountSample.get(i % accountSample.size()));
      }
      List<Double> scoreMs = new ArrayList<>();
      List<Double> plainMs = new ArrayList<>();
      for (int i = 0; i < sample.size(); i++) {
        long a = System.nanoTime();
        execute(graphql, scoreQuery, sample.get(i));
        scoreMs.add((System.nanoTime() - a) / 1e6);
        long b = System.nanoTime();
        execute(graphql, plain, accountSample.get(i % accountSample.size()));
        plainMs.add((System.nanoTime() - b) / 1e6);
      }
      scoreMs.sort(null);
      plainMs.sort(null);
      double sp50 = pct(scoreMs, 0.5);
      double sp99 = pct(scoreMs, 0.99);
      double ap50 = pct(plainMs, 0.5);
      double ap99 = pct(plainMs, 0.99);
      out.printf("  GraphQL over %,d reads (p50 / p99, ms):%n", scoreMs.size());
      out.printf("    contact(id) { score with explanation and paths }   %6.2f / %6.2f%n", sp50, sp99);
      out.printf("    account(id) { name }                               %6.2f / %6.2f%n", ap50, ap99);
      out.printf("    ratio                                              %6.1f× / %5.1f×  (aim ≤ 5×)%n", sp50 / ap50, sp99 / ap99);
      Runtime rt = Runtime.getRuntime();
      out.printf("  JVM heap used %d MB (max %d MB)%n", (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
    } finally {
      Benchmark.delete(dir);
    }
  }

  private static double pct(List<Double> sorted, double q) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size())));
  }

  private static void execute(ExecutionGraphQlService graphql, String query, String id) {
    ExecutionGraphQlRequest request = new DefaultExecutionGraphQlRequest(query, null, Map.of("id", id), null, "score-" + id, null);
    // Timed as an administrator: access control runs as it does for every caller.
    request.configureExecutionInput((input, b) -> b.graphQLContext(Map.of(io.customergraph.security.Caller.KEY, io.customergraph.security.Caller.system())).build());
    ExecutionGraphQlResponse r = Objects.requireNonNull(graphql.execute(request).block());
    if (!r.getErrors().isEmpty()) {
      throw new IllegalStateException(r.getErrors().toString());
    }
  }
}
