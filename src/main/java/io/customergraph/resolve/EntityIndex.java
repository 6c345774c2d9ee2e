package io.customergraph.resolve;

import io.customergraph.language.WordVectorService;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

/**
 * The candidate indexes and match models of the live graph, one per {@link EntityKind}. Derived state: rebuilt from
 * the graph at start-up (and on demand), then kept current by every write that goes through {@link Resolver}; a
 * second instance rebuilds its own from the same graph. Models take u from random pairs of the graph's entities (once
 * there are enough) and m from the merges people asserted (once there are enough), else the documented prior m with a
 * person's email learnt from the graph itself ({@link EntityKind#learntFromTheGraph}).
 */
@Component
public class EntityIndex {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EntityIndex.class);

  /** How many of a person's latest emails make their context. */
  static final int CONTEXT_TEXTS = 20;

  /** Fewer merges asserted by people than this and m stays at the priors. */
  static final int MIN_LABELS = 20;

  /** Fewer entities than this and random pairs say little about u; the priors are used. */
  static final int MIN_TO_LEARN = 200;

  /** More records of a kind than this and m is not learnt from the graph by EM (it would cost every start-up). */
  static final int MAX_FOR_EM = 50_000;

  /** At most this many records' candidates make the pairs EM learns from (every k-th record by id). */
  static final int EM_QUERIES = 5_000;

  private final Neo4jClient client;
  private final WordVectorService vectors;
  private final ResolveProperties properties;
  private final Map<EntityKind, CandidateIndex> indexes = new EnumMap<>(EntityKind.class);
  private final Map<EntityKind, MatchModel> models = new EnumMap<>(EntityKind.class);
  /** Each kind's model as learnt without people's decisions: what {@link #relearnM} goes back to below enough labels. */
  private final Map<EntityKind, MatchModel> unlabelled = new ConcurrentHashMap<>();
  /**
   * Ids {@link #refresh(EntityKind, Collection) refreshed} while a reindex runs, by kind: the reindex may have read
   * them before that write (an erased person, a merge) and put the old record back, so they are read again when it
   * ends. Without this an erased contact came back to search when word vectors retrained beside the erasure.
   */
  private final Map<EntityKind, Set<String>> touchedDuringReindex = new ConcurrentHashMap<>();
  private volatile boolean reindexing;
  /**
   * How many entities of each kind the model (u, and a person's email's m) was last learnt from. It is learnt from the
   * graph at start-up; on a new graph that is the documented prior, and the first import was resolved under it — so
   * the same mail resolved differently on a first import than on a second, and a mailbox's short form at one
   * organisation weighed +0.9 bits instead of +11.9 (Phillip Allen's fifth address was never put to anyone). The model
   * is learnt again whenever a kind has doubled since ({@link #refresh(EntityKind, Collection)}): amortised, every
   * entity is read a bounded number of times. The points it is learnt at depend on the graph's size when the process
   * started, so an import interrupted by a restart may learn at other sizes than one run straight through (a schedule
   * of fixed sizes would not).
   */
  private final Map<EntityKind, Integer> learntFrom = new ConcurrentHashMap<>();

  /** Test seam: run after each page a reindex has read and before it is put in the index. */
  volatile @Nullable Runnable afterReindexPageRead;

  EntityIndex(Neo4jClient client, WordVectorService vectors, ResolveProperties properties) {
    this.client = client;
    this.vectors = vectors;
    this.properties = properties;
    for (EntityKind k : EntityKind.values()) {
      indexes.put(k, new CandidateIndex());
      models.put(k, MatchModel.withPriors(k.comparisons()));
    }
  }

  /** The candidate index of a kind. */
  public CandidateIndex index(EntityKind kind) {
    return indexes.get(kind);
  }

  /** The match model of a kind. */
  public synchronized MatchModel model(EntityKind kind) {
    return models.get(kind);
  }

  /** Rebuilds both indexes from the graph and relearns the models; returns the number of entities indexed per kind. */
  public synchronized Map<EntityKind, Integer> rebuild() {
    return reindex(true);
  }

  /**
   * Puts every live entity in the index again, with vectors from the word vectors now loaded (company names, people's
   * context), and relearns the models — without emptying the index first, so resolution meanwhile still finds
   * candidates. Called when word vectors are loaded or retrained.
   */
  public synchronized Map<EntityKind, Integer> refreshVectors() {
    return reindex(false);
  }

  private Map<EntityKind, Integer> reindex(boolean clear) {
    reindexing = true;
    try {
      return reindexEveryKind(clear);
    } finally {
      reindexing = false;
      // Anything written beside the reindex is read again now, after every page the reindex put.
      for (EntityKind kind : EntityKind.values()) {
        Set<String> touched = touchedDuringReindex.remove(kind);
        if (touched != null) {
          refresh(kind, touched);
        }
      }
    }
  }

  private Map<EntityKind, Integer> reindexEveryKind(boolean clear) {
    Map<EntityKind, Integer> sizes = new EnumMap<>(EntityKind.class);
    for (EntityKind kind : EntityKind.values()) {
      CandidateIndex index = indexes.get(kind);
      if (clear) {
        index.clear();
      }
      List<Entry> all = loadAll(kind, "n:" + kind.label(), true, page -> {
        Runnable hook = afterReindexPageRead;
        if (hook != null) {
          hook.run();
        }
        for (Entry e : page) {
          index.put(e);
        }
      });
      index.refresh();
      models.put(kind, learn(kind, all));
      learntFrom.put(kind, all.size());
      sizes.put(kind, all.size());
    }
    return sizes;
  }

  /**
   * u from random pairs of the graph's entities; m from people's decisions once there are {@link #MIN_LABELS} of them
   * (every ASSERTED merge is a labelled match: its merged-away record against the entity it went into), else the
   * documented priors with the m of {@link EntityKind#learntFromTheGraph} learnt by EM from the graph's own candidate
   * pairs (once there are {@link #MIN_TO_LEARN} entities). Not EM for every field: on the demo world's people prior m
   * resolved at F1 0.919 and full EM at 0.581 (its "match" class drifted to colleagues at one company), while m from the
   * labels of half the people scores 0.977 on the other half ({@code evaluate-resolution}).
   */
  private MatchModel learn(EntityKind kind, List<Entry> all) {
    MatchModel model = MatchModel.withPriors(kind.comparisons());
    if (all.size() >= MIN_TO_LEARN) {
      model.estimateU(all, 100_000, properties.seed());
      if (!kind.learntFromTheGraph().isEmpty() && all.size() <= MAX_FOR_EM) {
        model.estimateM(candidatePairs(kind, model, all), 100, kind.learntFromTheGraph());
        if (model.degenerate() != null) {
          log.info("{}: the graph's own m was not kept ({}); documented priors", kind, model.degenerate());
        }
      }
    }
    unlabelled.put(kind, model.copy());
    List<byte[]> labelled = assertedMatches(kind, model);
    if (labelled.size() >= MIN_LABELS) {
      model.estimateMFromLabels(labelled, 0);
    }
    return model;
  }

  /**
   * The comparison levels of candidate pairs among every record of a kind as it came in — live entities and those
   * merged away, each as its own record (without the addresses a merge gave it, which would make every merged pair
   * agree exactly) — found as batch resolution finds them. EM over these pairs learns m from the graph itself.
   */
  private List<byte[]> candidatePairs(EntityKind kind, MatchModel model, List<Entry> live) {
    // The live entities are at hand; only those merged away are read. Each as its own record: no addresses a merge
    // gave it, no context (the model compares none). In id order, as the batch index numbers them.
    List<Entry> records = new ArrayList<>();
    for (Entry e : live) {
      records.add(Entry.ofClean(e.id(), e.values(), null));
    }
    for (Entry e : loadAll(kind, "n:" + kind.mergedLabel(), false, page -> {})) {
      records.add(Entry.ofClean(e.id(), e.values(), null));
    }
    records.sort(java.util.Comparator.comparing(Entry::id));
    List<byte[]> pairs = new ArrayList<>();
    try (CandidateIndex batch = CandidateIndex.forBatch()) {
      for (int i : CandidateIndex.idOrder(records)) {
        batch.put(records.get(i), i);
      }
      batch.refresh();
      Set<Long> seen = new java.util.HashSet<>();
      long n = records.size();
      // Candidates of every k-th record by id, at most EM_QUERIES of them: enough pairs for EM, bounded at start-up.
      int stride = Math.max(1, (records.size() + EM_QUERIES - 1) / EM_QUERIES);
      for (int i = 0; i < records.size(); i += stride) {
        for (long j : batch.candidateOrdinals(records.get(i), properties.candidates(), i)) {
          if (seen.add(Math.min(i, j) * n + Math.max(i, j))) {
            pairs.add(model.compare(records.get(i), records.get((int) j)).levels());
          }
        }
      }
    }
    return pairs;
  }

  /**
   * Learns m again from the merges people asserted, keeping u (which needs every entity): called after each decision
   * of a person, so confirmations teach the live model at once. Below {@link #MIN_LABELS} merges m is what the graph
   * gave without them ({@link #learn}: the priors, with a person's email learnt from the graph's own pairs).
   *
   * @return the number of labelled merges m was learnt from (0: priors)
   */
  public synchronized int relearnM(EntityKind kind) {
    // A copy is changed and swapped in: callers holding the current model keep a consistent one.
    MatchModel next = models.get(kind).copy();
    List<byte[]> labelled = assertedMatches(kind, next);
    if (labelled.size() >= MIN_LABELS) {
      next.estimateMFromLabels(labelled, 0);
    } else {
      MatchModel base = unlabelled.get(kind);
      if (base != null) {
        next = base.copy();
      } else {
        next.resetM();
      }
    }
    models.put(kind, next);
    return labelled.size() >= MIN_LABELS ? labelled.size() : 0;
  }

  /**
   * The comparison levels of the pairs people said are one entity and that still are: a merged-away record against
   * the entity it was merged into (as that entity reads now, so with what the merge gave it).
   */
  private List<byte[]> assertedMatches(EntityKind kind, MatchModel model) {
    // Labels come from EntityKind, never from input.
    List<Map<String, Object>> pairs = List.copyOf(client.query("""
        MATCH (x:%s)-[s:SAME_AS {status: 'ASSERTED'}]->(y:%s)
        RETURN x.id AS merged, y.id AS survivor ORDER BY merged""".formatted(kind.mergedLabel(), kind.label())).fetch().all());
    if (pairs.size() < MIN_LABELS) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    pairs.forEach(p -> {
      ids.add((String) p.get("merged"));
      ids.add((String) p.get("survivor"));
    });
    Map<String, Entry> entries = new HashMap<>();
    for (Entry e : load(kind, ids, "", ids.size(), true)) {
      entries.put(e.id(), e);
    }
    List<byte[]> out = new ArrayList<>();
    for (Map<String, Object> p : pairs) {
      Entry a = entries.get((String) p.get("merged"));
      Entry b = entries.get((String) p.get("survivor"));
      if (a != null && b != null) {
        out.add(model.compare(a, b).levels());
      }
    }
    return out;
  }

  /**
   * Re-reads entities from the graph and puts them in the index (or removes those no longer live).
   *
   * @return the live ones, by id, as just read
   */
  public Map<String, Entry> refresh(EntityKind kind, Collection<String> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    if (reindexing) {
      touchedDuringReindex.computeIfAbsent(kind, k -> ConcurrentHashMap.newKeySet()).addAll(ids);
    }
    CandidateIndex index = indexes.get(kind);
    Map<String, Entry> live = new HashMap<>();
    for (Entry e : load(kind, List.copyOf(ids), "", ids.size(), false)) {
      live.put(e.id(), e);
    }
    for (String id : ids) {
      Entry e = live.get(id);
      if (e == null) {
        index.delete(id);
      } else {
        index.put(e);
      }
    }
    index.refresh();
    int size = index.size();
    if (size >= MIN_TO_LEARN && size >= 2 * learntFrom.getOrDefault(kind, 0)) {
      relearn(kind);
    }
    return live;
  }

  /** The kind's model learnt again from every live entity (u from random pairs, m as {@link #learn} decides). */
  private synchronized void relearn(EntityKind kind) {
    if (indexes.get(kind).size() < 2 * learntFrom.getOrDefault(kind, 0)) {
      return; // learnt meanwhile by another thread
    }
    long start = System.nanoTime();
    List<Entry> all = loadAll(kind, "n:" + kind.label(), false, page -> {});
    models.put(kind, learn(kind, all));
    learntFrom.put(kind, all.size());
    log.info("{}: match model learnt again from {} entities in {} ms", kind, all.size(), (System.nanoTime() - start) / 1_000_000);
  }

  /** Every entity of a kind with the given labels by id, read a page at a time, each page given to {@code onPage}. */
  private List<Entry> loadAll(EntityKind kind, String labels, boolean withContext, java.util.function.Consumer<List<Entry>> onPage) {
    List<Entry> all = new ArrayList<>();
    String after = "";
    while (true) {
      List<Entry> page = load(kind, null, after, 5_000, labels, withContext);
      if (page.isEmpty()) {
        return all;
      }
      onPage.accept(page);
      all.addAll(page);
      after = page.get(page.size() - 1).id();
    }
  }

  /** An entity as a record to compare, live or merged away; empty when no such entity exists. */
  public Optional<Entry> entry(String id) {
    Optional<EntityKind> kind = EntityKind.ofId(id);
    return kind.flatMap(k -> load(k, List.of(id), "", 1, true).stream().findFirst());
  }

  /**
   * Loads entities as entries: by ids (live, or also merged-away ones when {@code merged}), or a page of all live
   * entities after an id, in id order.
   */
  List<Entry> load(EntityKind kind, @Nullable List<String> ids, String after, int limit, boolean merged) {
    return load(kind, ids, after, limit, merged ? "n:%s OR n:%s".formatted(kind.label(), kind.mergedLabel()) : "n:" + kind.label(), true);
  }

  /**
   * {@link #load(EntityKind, List, String, int, boolean)} for nodes with the given labels (a label expression from
   * {@link EntityKind}, never from input), without a person's context when {@code withContext} is false:
   * the match model compares no context, so learning it need not read every person's latest emails (in a running
   * service with word vectors, reading them for every contact at each relearn slowed an upload of 10,000 messages
   * from 53 to 35 messages/s).
   */
  private List<Entry> load(EntityKind kind, @Nullable List<String> ids, String after, int limit, String labels, boolean withContext) {
    String where = ids != null ? "n.id IN $ids AND (" + labels + ")" : "(" + labels + ") AND n.id > $after";
    // Labels come from EntityKind, never from input.
    // A person's context is what they wrote: subjects and new text of their latest emails (read only when word
    // vectors are loaded to turn them into a vector).
    boolean context = withContext && kind == EntityKind.CONTACT && vectors.info().isPresent();
    String cypher = kind == EntityKind.CONTACT
        ? """
          MATCH (n) WHERE %s
          WITH n ORDER BY n.id LIMIT $limit
          OPTIONAL MATCH (n)-[:WORKS_AT]->(a:Account)
          WITH n, head(collect(a)) AS a
          %s
          RETURN n.id AS id, n.name AS name, n.email AS email, coalesce(n.emails, []) AS emails, n.phone AS phone,
                 CASE WHEN a.nameSource = 'id' THEN null ELSE a.name END AS company, a.domain AS domain,
                 null AS vat, texts
          """.formatted(where, context ? """
              CALL (n) {
                OPTIONAL MATCH (n)-[:SENT]->(e:Email)
                WITH e ORDER BY e.occurredAt DESC LIMIT $texts
                RETURN collect(coalesce(e.subject, '') + ' ' + left(coalesce(e.body, ''), 2000)) AS texts
              }""" : "WITH n, a, [] AS texts")
        : """
          MATCH (n) WHERE %s
          WITH n ORDER BY n.id LIMIT $limit
          WITH n, CASE WHEN n.nameSource = 'id' THEN null ELSE n.name END AS name
          RETURN n.id AS id, name, null AS email, [] AS emails, n.phone AS phone, name AS company, n.domain AS domain, n.vatId AS vat, [] AS texts
          """.formatted(where);
    Map<String, Object> params = new HashMap<>();
    params.put("ids", ids == null ? List.of() : ids);
    params.put("after", after);
    params.put("limit", limit);
    params.put("texts", CONTEXT_TEXTS);
    return List.copyOf(client.query(cypher).bindAll(params).fetchAs(Entry.class).mappedBy((t, r) -> {
      Map<Field, String> v = new EnumMap<>(Field.class);
      put(v, Field.FULL_NAME, kind == EntityKind.CONTACT ? r.get("name").asString(null) : null);
      put(v, Field.EMAIL, r.get("email").asString(null));
      put(v, Field.PHONE, r.get("phone").asString(null));
      put(v, Field.COMPANY, r.get("company").asString(null));
      put(v, Field.DOMAIN, r.get("domain").asString(null));
      put(v, Field.VAT, r.get("vat").asString(null));
      String company = r.get("company").asString(null);
      float[] vector = kind == EntityKind.ACCOUNT ? nameVector(company)
          : context ? vectors.textVector(r.get("texts").asList(x -> x.asString(""))).orElse(null) : null;
      return Entry.of(r.get("id").asString(), v, vector).withOtherEmails(r.get("emails").asList(x -> x.asString("")));
    }).all());
  }

  /** An entry for free text (search): a name, an address, a phone number or a domain. */
  Entry query(EntityKind kind, String text) {
    Map<Field, String> v = new EnumMap<>(Field.class);
    String t = text.strip();
    if (t.contains("@")) {
      v.put(Field.EMAIL, t);
    } else if (t.replaceAll("[\\s()+\\-.]", "").matches("\\d{6,}")) {
      v.put(Field.PHONE, t);
    } else if (kind == EntityKind.ACCOUNT && t.matches("[\\w-]+(\\.[\\w-]+)+")) {
      v.put(Field.DOMAIN, t);
    } else if (kind == EntityKind.CONTACT) {
      v.put(Field.FULL_NAME, t);
    } else {
      v.put(Field.COMPANY, t);
    }
    return Entry.of("query", v, kind == EntityKind.ACCOUNT ? nameVector(v.get(Field.COMPANY)) : null);
  }

  private static void put(Map<Field, String> v, Field f, @Nullable String value) {
    if (value != null && !value.isBlank()) {
      v.put(f, value);
    }
  }

  /** Mean word vector of a company name's words (legal forms dropped); null when the vectors know none of them. */
  float @Nullable [] nameVector(@Nullable String company) {
    if (company == null || vectors.info().isEmpty()) {
      return null;
    }
    double[] sum = null;
    int n = 0;
    for (String word : Names.company(company).split(" ")) {
      Optional<double[]> v = word.isEmpty() ? Optional.empty() : vectors.vector(word);
      if (v.isPresent()) {
        sum = sum == null ? new double[v.get().length] : sum;
        for (int i = 0; i < sum.length; i++) {
          sum[i] += v.get()[i];
        }
        n++;
      }
    }
    if (sum == null) {
      return null;
    }
    float[] out = new float[sum.length];
    for (int i = 0; i < sum.length; i++) {
      out[i] = (float) (sum[i] / n);
    }
    return out;
  }
}
