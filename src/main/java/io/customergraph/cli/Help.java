package io.customergraph.cli;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What each command takes, for {@code --help} and for refusing options it does not know: every option with its
 * value, its default and what it does. The one list the usage text, the help pages and the option checks come from.
 */
record Help(String name, String arguments, String summary, List<Option> options) {

  /** One option: {@code --name VALUE}, its default ("" when it has none) and what it does. */
  record Option(String name, String value, String fallback, String what) {}

  private static Option option(String name, String value, String fallback, String what) {
    return new Option(name, value, fallback, what);
  }

  static final List<Help> COMMANDS = List.of(
      new Help("demo-world", "[options]", "Writes a generated demo world as JSON lines per kind, with its ground truth (truth.json).", List.of(
          option("accounts", "N", "200", "accounts in the world (people, mail and deals scale with it)"),
          option("seed", "S", "42", "random seed: the same seed gives the same world"),
          option("anchor", "YYYY-MM-DD", "today (UTC)", "the day the world's recent history ends"),
          option("out", "DIR", "demo-world", "directory to write to"))),
      new Help("import", "<kind> <file or directory>… [options]",
          "Imports files into the graph with live progress and a summary. Kinds: email, call, ticket, invoice, payment, account, contact, deal, "
              + "activity, rep, product, outcome. Columns of account, contact and deal files that no field reads are kept as the record's own "
              + "fields (field_<column in snake case>). Uses the service's data directory (stop the service first) or NEO4J_URI.", List.of(
          option("map", "field=column,…", "", "map our fields to your CSV or JSON columns, e.g. stage=Phase,amount=Value; id=@row keys rows of a file without an id column by their place; asOf=column (or asOf==2026-01-01) dates the own fields of account, contact and deal rows"),
          option("kind", "SCORE", "", "outcome files only: the score the outcomes teach (churn-risk, lead-priority, deal-win); columns id, outcome, at (optional)"),
          option("to", "http://host:port", "", "send the files to a running service's bulk endpoint instead of opening the data directory (directories go as zip)"),
          option("key", "cg_…", "$CG_KEY", "with --to: an API key with the INGEST role"),
          option("batch-size", "N", "500", "records per write transaction"))),
      new Help("benchmark", "[options]", "Loads a world of that size into a fresh embedded Neo4j and prints load throughput and GraphQL latencies.", List.of(
          option("accounts", "N", "2000", "accounts in the generated world"),
          option("seed", "S", "42", "random seed of the world"))),
      new Help("startup-benchmark", "[options]",
          "Starts the service from this jar on a new data directory, as a user does, and prints the seconds until it answers HTTP, answers "
              + "GraphQL and is ready, its memory and its stop time; then starts it again on the same data.", List.of(
          option("starts", "N", "2", "starts to time: the first on an empty directory, the others on the data it left"),
          option("demo-accounts", "N", "200", "accounts in the demo world the first start loads"))),
      new Help("load-benchmark", "[options]",
          "Starts the service from this jar with the demo world, gives each client its own API key (managers, analysts, reps, administrators) and "
              + "runs a seeded mix of front-end queries on loopback; prints requests/s, latency percentiles and answers by kind; exits 1 on any error but 429.", List.of(
          option("clients", "N", "32", "concurrent clients, each with its own key"),
          option("seconds", "N", "60", "how long the clients run"),
          option("demo-accounts", "N", "200", "accounts in the demo world"))),
      new Help("scale-benchmark", "[options]",
          "Starts a Neo4j server and two service instances on it from this jar (A with the demo world); prints GraphQL read throughput of one "
              + "instance and of the pair with the load-benchmark mix, and A's index lag while N contacts are imported through B.", List.of(
          option("clients", "N", "16", "concurrent clients, each with its own key (no rate limit)"),
          option("seconds", "N", "30", "how long each phase runs"),
          option("records", "N", "10000", "contacts imported through B"),
          option("demo-accounts", "N", "200", "accounts in the demo world"))),
      new Help("ingest-benchmark", "[options]",
          "Generates a corpus, imports it into a fresh embedded Neo4j and prints records/s and peak heap per kind, beside a plain-write ceiling.", List.of(
          option("emails", "N", "100000", "emails in the corpus"),
          option("calls", "N", "emails / 10", "call transcripts"),
          option("tickets", "N", "emails / 5", "tickets"),
          option("invoices", "N", "emails / 5", "invoices"),
          option("events", "N", "emails", "behavioural events"),
          option("batch-size", "N", "500", "records per write transaction"))),
      new Help("benchmark-real", "[options]",
          "Real work (issue #25), one table: the shared real mail grown with re-identified copies of itself to the given size, imported into a new "
              + "directory by the import command and uploaded to a running service from this jar (messages/s); resolve and Duke 1.2 on Febrl dataset2 "
              + "as written and thin, each in its own JVM (records/s and F1); GraphQL beside @neo4j/graphql on the same database (requests/s, p50, p99); the service's first start and restart to the first GraphQL answer.", List.of(
          option("parts", "LIST", "mail,resolve,graphql,start", "which parts: mail, resolve, graphql (the service beside @neo4j/graphql on Apollo Server, on the same database; Node.js 20+ and the npm registry on first use), start"),
          option("graphql-accounts", "N", "200", "accounts in the demo world the graphql part reads"),
          option("clients", "N", "8", "concurrent clients of the graphql part, each sending its next request when the last is answered"),
          option("seconds", "N", "10", "length of one timed run of the graphql part"),
          option("rounds", "N", "3", "alternating rounds per question of the graphql part (medians printed)"),
          option("warm-up", "N", "60", "seconds each side of the graphql part is sent every question before any is timed (a JVM serves a question at full speed only once it has compiled its path)"),
          option("messages", "N", "10000", "messages: the real ones, then re-identified copies (new people, companies and message ids)"),
          option("mail", "DIR", "src/test/data/email", "real mail: maildir trees and mbox files"),
          option("data", "DIR", "src/test/data/resolution", "person records holding Febrl's dataset2.csv"),
          option("peer-minutes", "N", "3", "longest Duke may run on one file"),
          option("demo-accounts", "N", "12", "accounts in the running service's demo world"))),
      new Help("evaluate-language", "[options]",
          "Negative-sentiment accuracy on labelled sentences (the learnt model beside the rules and plain VADER), tag precision and recall on the labelled set and on real mail labelled by reading (dev and held-out), tags on unlabelled mail, and speed.", List.of(
          option("sentences", "FILE[,FILE…]", "the UCI Yelp, Amazon and IMDb sentences in src/test/data/language", "labelled sentences, one per line: sentence<TAB>0|1 (0 negative); UTF-8, CRLF and a header line are fine, any other line without a label is refused by its number; several files give one row each (the learnt model, the rules and plain VADER), a file sharing sentences with the model's training set is marked"),
          option("yelp", "FILE", "", "the old name of --sentences"),
          option("corpus", "DIR", "../shared/data/email/maildir", "a maildir of real mail to tag (and to train word vectors on)"),
          option("labelled-mail", "FILE", "src/test/data/language/labelled-mail.tsv", "real mail labelled by reading: Message-ID<TAB>tags<TAB>dev|held-out<TAB>where per line, the mail it labels named on a '# sources:' line (relative to the file)"),
          option("parts", "LIST", "sentences,expansion,tags,mail", "which parts to run: sentences (accuracy per file, the scorer's parts, speed), expansion (word-vector lexicon growth), tags (tagging speed, the labelled tag set), mail (labelled real mail, then tags on --corpus)"))),
      new Help("resolve", "--input FILE [--input FILE …] --output FILE [options]",
          "Resolves the people in CSV files without a graph: writes a cluster id per row (the id of the cluster's first row; ids are the input's own, written file:id only where two files share one) and prints the m/u table it learnt.", List.of(
          option("input", "FILE", "", "a CSV file with a header (repeat for several files); required"),
          option("output", "FILE", "", "where to write row id,cluster id; required"),
          option("id-column", "NAME", "row number", "the column holding each row's id"),
          option("map", "field=column,…", "usual column names", "map fields (given_name, surname, full_name, email, phone, dob, city, postcode, company…) to columns"),
          option("pairs", "FILE", "", "also write every scored candidate pair with its per-field weights"),
          option("threshold", "P", "0.999", "match probability from which two rows are one"),
          option("candidates", "N", "10", "candidates searched per row"),
          option("identity-evidence", "true|false", "true", "link two rows only when a name agrees (and given names do not contradict) or an email, phone or national id agrees exactly"),
          option("labels", "COLUMN", "", "a column naming each row's true entity (blank: unknown): m is learnt from these rows instead of by EM"),
          option("max-cluster", "N", "25", "the largest cluster formed automatically; links that would make a larger one are left for review (the pairs file says which)"),
          option("link-only", "true|false", "false", "true links sources without duplicates of their own (each --input file, or each value of --source-column): rows are compared only across sources and a cluster holds at most one row per source"),
          option("source-column", "COLUMN", "", "with --link-only, the column naming each row's source (else each --input file is one)"),
          option("model-out", "FILE", "", "also write the learnt m/u table (printed anyway) to this file"),
          option("force", "true|false", "false", "true resolves with the documented prior m when EM's fit is degenerate (else the command stops with exit code 3)"))),
      new Help("evaluate-resolution", "[options]",
          "Resolution quality (pairwise and B-cubed) on Febrl, fake_1000 and the demo world, beside the peer Duke on the same records, then the batch and index speed benchmark.", List.of(
          option("data", "DIR", "../shared/data/resolution", "folder with dataset1.csv, dataset2.csv and fake_1000.csv"),
          option("sets", "LIST", "rich,demo,thin,sources,orgs", "which evaluations: rich (Febrl, fake_1000 as written), demo (the demo world's contacts), thin (names, town and postcode only, with extra corruption), sources (five sources linked with --link-only), orgs (organisation strings alone), peer-speed (generated people in a CSV file, resolve and the peer each in their own JVM, timed with JVM start), none (the speed benchmark only)"),
          option("peer", "duke|none", "duke", "the peer run beside ours on the same records: Duke 1.2 in its own JVM (the build puts it in target/duke), or none"),
          option("duke", "DIR", "target/duke beside the launcher", "where Duke's jars are"),
          option("peer-minutes", "N", "2", "the longest the peer may run on one set (a whole run has up to 14), past it the row says it did not finish"),
          option("peer-records", "N", "25000", "records in the peer-speed set"),
          option("records", "N", "100000", "records in the speed benchmark's batch"),
          option("indexed", "N", "1000000", "entries in the speed benchmark's index"),
          option("speed", "true|false", "true", "false skips the speed benchmark (unless --records or --indexed is given)"))),
      new Help("evaluate-scoring", "[options]",
          "Scoring AUC on the demo world's planted future, DEAL_WIN on the CRM pipeline against an own-fields baseline, telecom churn through the product's own path beside a plain logistic regression, then rescoring speed.", List.of(
          option("accounts", "N", "200", "accounts in the demo world"),
          option("seed", "S", "42", "random seed of the demo world"),
          option("anchor", "YYYY-MM-DD", "today (UTC)", "the day the demo world's history ends; a past day also reads its scores as of then"),
          option("crm", "DIR", "../shared/data/crm", "folder with the CRM pipeline CSV files"),
          option("speed-accounts", "N", "21000", "accounts in the large world of the speed part"),
          option("reads", "N", "2000", "score reads timed in the speed part"),
          option("skip-speed", "true|false", "false", "true skips the speed part"),
          option("parts", "demo,crm,churn,mail,speed", "all five", "which parts to run"),
          option("mail", "DIR", "../shared/data/email/maildir/allen-p", "a maildir of old real mail whose scores are read now and as of the day after its newest message"),
          option("churn-train", "FILE", "../shared/data/outcomes/churn-bigml-80.csv", "churn outcomes to learn from (a CSV with a header, one customer per row, and an outcome column)"),
          option("churn-test", "FILE", "../shared/data/outcomes/churn-bigml-20.csv", "churn file whose scores are compared with its outcome column"),
          option("churn-column", "NAME", "the first of Outcome, Churn, Churned, Exited, Attrition, Label, Target… in the header", "the column saying whether each customer left (yes/no, true/false, 1/0)"),
          option("churn-fields", "SPEC,…", "every other column but identifiers, people's names and contact details, and protected attributes (printed as left out)", "the own fields the churn model learns from (customer-graph.score.fields syntax)"))),
      new Help("api-key", "create|list|revoke [options]",
          "Creates, lists or revokes API keys on the service's database (stop the service first, or point NEO4J_URI at its database).", List.of(
          option("name", "NAME", "", "create: who or what the key is for; required"),
          option("roles", "ROLE,…", "", "create: ADMIN, MANAGER, REP, ANALYST, INGEST, METRICS; required"),
          option("owner", "REP NAME", "", "create: the rep whose accounts a REP key reaches"),
          option("team", "TEAM", "", "create: the team whose accounts a REP key reaches"),
          option("personal-data", "true|false", "false", "create: an ANALYST key sees personal data unmasked"),
          option("requests-per-minute", "N", "the service default", "create: the key's rate limit"),
          option("id", "key_…", "", "revoke: the key to revoke; required"))));

  static Optional<Help> of(String command) {
    return COMMANDS.stream().filter(h -> h.name.equals(command)).findFirst();
  }

  /** Whether the arguments ask for help. */
  static boolean asked(String[] args) {
    return java.util.Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"));
  }

  /** The help page of this command. */
  String page() {
    StringBuilder b = new StringBuilder();
    b.append("usage: customer-graph ").append(name).append(' ').append(arguments).append("\n\n").append(summary).append("\n");
    if (!options.isEmpty()) {
      b.append("\noptions:\n");
      int width = options.stream().mapToInt(o -> o.name().length() + o.value().length() + 3).max().orElse(0);
      for (Option o : options) {
        String head = "--" + o.name() + " " + o.value();
        b.append("  ").append(head).append(" ".repeat(width - head.length() + 2)).append(o.what());
        if (!o.fallback().isEmpty()) {
          b.append(" (default: ").append(o.fallback()).append(')');
        }
        b.append('\n');
      }
    }
    return b.toString();
  }

  /** The overview: how to start the service and every command in one line. */
  static String overview() {
    StringBuilder b = new StringBuilder("""
        usage: customer-graph                      start the service (GraphQL on :8080, embedded Neo4j under ./data)
               customer-graph <command> [options]  run a command instead
               customer-graph <command> --help     what a command takes, with every option's default

        commands:
        """);
    int width = COMMANDS.stream().mapToInt(h -> h.name.length()).max().orElse(0);
    for (Help h : COMMANDS) {
      String first = h.summary.contains(". ") ? h.summary.substring(0, h.summary.indexOf(". ") + 1) : h.summary;
      b.append("  ").append(h.name).append(" ".repeat(width - h.name.length() + 2)).append(first).append('\n');
    }
    return b.toString();
  }

  /** Refuses an option this command does not take, naming those it does. */
  void check(String option) {
    if (options.stream().noneMatch(o -> o.name().equals(option))) {
      throw new IllegalArgumentException("unknown option --" + option + " for " + name + "; it takes "
          + options.stream().map(o -> "--" + o.name()).collect(Collectors.joining(", ")));
    }
  }
}
