package io.customergraph.score;

import io.customergraph.graph.CypherQueries;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

/**
 * Computes features for entities at given moments by running each feature's named query over a batch, and turns
 * the paths it returns into {@link EvidencePath}s.
 */
@Component
class FeatureEngine {

  /** Evidence paths kept per factor: enough to show why, few enough to read. */
  static final int EVIDENCE = 3;

  /** An entity and the moment its features are wanted (now, or a past moment when learning). */
  record Point(String id, Instant at) {}

  /** A feature's raw value and the paths that produced it. */
  record Value(double raw, List<EvidencePath> evidence) {
    static final Value ZERO = new Value(0, List.of());
  }

  /**
   * Each feature query runs as a subquery; this turns its paths into plain maps (a path's nodes with the fields an
   * explanation shows, its relationships with their direction), so no node's full properties cross the driver.
   */
  private static final String WRAPPER =
      """
      CALL () {
      %s
      }
      RETURN key, value, [p IN evidence | {
        nodes: [n IN nodes(p) | {id: n.id, labels: labels(n),
                name: coalesce(n.name, n.subject, n.title, n.number, n.type),
                at: CASE WHEN n:Deal THEN coalesce(n.closedAt, n.occurredAt) ELSE n.occurredAt END,
                detail: coalesce(n.content, n.url, n.priority, n.stage, n.status)}],
        rels: [r IN relationships(p) | {type: type(r), start: startNode(r).id, end: endNode(r).id}]}] AS evidence""";

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FeatureEngine.class);

  private final Neo4jClient client;
  /** Each feature's shared-parameters query, or empty when it has none (looked up once). */
  private final Map<String, java.util.Optional<String>> paramsQueries = new java.util.concurrent.ConcurrentHashMap<>();

  FeatureEngine(Neo4jClient client) {
    this.client = client;
  }

  /**
   * The features of every point; features missing from an entity's result are 0 with no evidence.
   *
   * @return per point (same order), per feature name
   */
  List<Map<String, Value>> compute(ScoreKind kind, List<Point> points, List<Feature> features, double halfLifeSeconds) {
    return compute(kind, points, features, List.of(), halfLifeSeconds);
  }

  /**
   * The same, with the entities' own fields: a field {@code f} with value {@code v} gives the input {@code f=v} → 1
   * (read by categorical shapes) and, when {@code v} is a number, {@code f} → v (read by numeric ones); a missing
   * field gives neither. Fields have no history yet: they are read as they are now, whatever the point's moment.
   */
  @SuppressWarnings("unchecked")
  List<Map<String, Value>> compute(ScoreKind kind, List<Point> points, List<Feature> features, List<String> fields, double halfLifeSeconds) {
    List<Map<String, Value>> out = new ArrayList<>(points.size());
    for (int i = 0; i < points.size(); i++) {
      out.add(new LinkedHashMap<>());
    }
    if (points.isEmpty()) {
      return out;
    }
    List<Map<String, Object>> own = rows(points, null);
    // A deal is also described by its account: the account's features at the deal's moment, behind a FOR hop.
    Map<String, EvidencePath.Step> dealSteps = new HashMap<>();
    List<Map<String, Object>> viaAccount = null;
    for (Feature f : features) {
      boolean accountOfDeal = kind == ScoreKind.DEAL_WIN && f.scope().equals("account");
      List<Map<String, Object>> rows;
      if (accountOfDeal) {
        if (viaAccount == null) {
          viaAccount = rows(points, accountsOf(points, dealSteps));
        }
        rows = viaAccount;
      } else {
        rows = own;
      }
      Map<String, Object> params = new HashMap<>();
      params.put("rows", rows);
      params.put("halfLife", halfLifeSeconds);
      params.put("evidence", EVIDENCE);
      params.putAll(sharedParameters(f, points));
      String cypher = WRAPPER.formatted(CypherQueries.named(f.query()));
      long started = System.nanoTime();
      java.util.Collection<Map<String, Object>> result = client.query(cypher).bindAll(params).fetch().all();
      if (log.isDebugEnabled()) {
        log.debug("{} {} for {} rows: {} ms", kind, f.name(), rows.size(), (System.nanoTime() - started) / 1_000_000);
      }
      for (Map<String, Object> r : result) {
        int index = Integer.parseInt((String) r.get("key"));
        List<EvidencePath> evidence = evidence(r.get("evidence"));
        if (accountOfDeal) {
          EvidencePath.Step deal = dealSteps.get(points.get(index).id());
          evidence = evidence.stream().map(p -> p.after(deal, "FOR")).toList();
        }
        Object v = r.get("value");
        double raw = v instanceof Number n ? n.doubleValue() : 0;
        out.get(index).put(f.name(), new Value(raw, evidence));
      }
    }
    for (Map<String, Value> m : out) {
      for (Feature f : features) {
        m.putIfAbsent(f.name(), Value.ZERO);
      }
    }
    if (!fields.isEmpty()) {
      List<Map<String, String>> texts = fieldTexts(kind, points, fields);
      for (int i = 0; i < points.size(); i++) {
        int at = i;
        texts.get(i).forEach((field, text) -> {
          out.get(at).put(field + "=" + text, new Value(1, List.of()));
          Double number = FieldSpec.number(text);
          if (number != null) {
            out.get(at).put(field, new Value(number, List.of()));
          }
        });
      }
    }
    return out;
  }

  /**
   * Each point's own fields as they were at its moment (field → text; blank and unknown left out): a value known only
   * later — set at or after an outcome — is not read (issue #18's leak guard by time). A field written before
   * histories were kept is read as it is.
   */
  List<Map<String, String>> fieldTexts(ScoreKind kind, List<Point> points, List<String> fields) {
    Map<String, StoredFields> stored = storedFields(kind, points, fields);
    return points.stream().map(p -> textsAt(stored.get(p.id()), fields, p.at())).toList();
  }

  /** Each point's own fields at its moment ({@code then}) and at {@code now}, from one read. */
  record ThenAndNow(List<Map<String, String>> then, List<Map<String, String>> now) {}

  ThenAndNow fieldTextsThenAndNow(ScoreKind kind, List<Point> points, List<String> fields, Instant now) {
    Map<String, StoredFields> stored = storedFields(kind, points, fields);
    return new ThenAndNow(points.stream().map(p -> textsAt(stored.get(p.id()), fields, p.at())).toList(),
        points.stream().map(p -> textsAt(stored.get(p.id()), fields, now)).toList());
  }

  /** A node's own fields as stored: each field's value and its history (null where it has none), in the fields' order. */
  private record StoredFields(List<Object> values, List<Object> histories) {}

  @SuppressWarnings("unchecked")
  private Map<String, StoredFields> storedFields(ScoreKind kind, List<Point> points, List<String> fields) {
    Map<String, StoredFields> byId = new HashMap<>();
    List<String> historyKeys = fields.stream().map(io.customergraph.graph.FieldHistory::property).toList();
    // The label comes from the ScoreKind enum; field names are bound as parameters.
    client.query("""
            UNWIND $ids AS id MATCH (n:%s {id: id})
            RETURN n.id AS id, [k IN $fields | n[k]] AS values, [k IN $histories | n[k]] AS histories""".formatted(kind.entity().label()))
        .bindAll(Map.of("ids", points.stream().map(Point::id).distinct().toList(), "fields", fields, "histories", historyKeys)).fetch().all()
        .forEach(r -> byId.put((String) r.get("id"), new StoredFields((List<Object>) r.get("values"), (List<Object>) r.get("histories"))));
    return byId;
  }

  private static Map<String, String> textsAt(@Nullable StoredFields stored, List<String> fields, Instant moment) {
    Map<String, String> texts = new LinkedHashMap<>();
    if (stored == null) {
      return texts;
    }
    for (int f = 0; f < fields.size(); f++) {
      Object v = stored.histories().get(f) instanceof List<?> h
          ? io.customergraph.graph.FieldHistory.at(io.customergraph.graph.FieldHistory.decode(h), moment)
          : stored.values().get(f);
      if (v != null && !v.toString().isBlank()) {
        texts.put(fields.get(f), v.toString().strip());
      }
    }
    return texts;
  }

  private static List<Map<String, Object>> rows(List<Point> points, @Nullable Map<String, String> idOf) {
    List<Map<String, Object>> rows = new ArrayList<>(points.size());
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      String id = idOf == null ? p.id() : idOf.get(p.id());
      if (id == null) {
        continue;
      }
      Map<String, Object> row = new HashMap<>();
      row.put("key", Integer.toString(i));
      row.put("id", id);
      row.put("now", ZonedDateTime.ofInstant(p.at(), ZoneOffset.UTC));
      rows.add(row);
    }
    return rows;
  }

  /** The account of each deal, and each deal as the first step of its account's evidence. */
  private Map<String, String> accountsOf(List<Point> deals, Map<String, EvidencePath.Step> steps) {
    Map<String, String> accounts = new HashMap<>();
    client
        .query("UNWIND $ids AS id MATCH (d:Deal {id: id})-[:FOR]->(a:Account) RETURN d.id AS deal, d.name AS name, a.id AS account")
        .bind(deals.stream().map(Point::id).distinct().toList()).to("ids")
        .fetch().all()
        .forEach(r -> {
          String deal = (String) r.get("deal");
          accounts.put(deal, (String) r.get("account"));
          steps.put(deal, new EvidencePath.Step(deal, "Deal", r.get("name") == null ? deal : (String) r.get("name"), null, null));
        });
    return accounts;
  }

  private Map<String, Object> sharedParameters(Feature f, List<Point> points) {
    String text = paramsQueries.computeIfAbsent(f.paramsQuery(), name -> {
      try {
        return java.util.Optional.of(CypherQueries.named(name));
      } catch (java.io.UncheckedIOException absent) {
        return java.util.Optional.empty();
      }
    }).orElse(null);
    if (text == null) {
      return Map.of();
    }
    Instant latest = points.stream().map(Point::at).max(Instant::compareTo).orElseThrow();
    return client.query(text).bind(ZonedDateTime.ofInstant(latest, ZoneOffset.UTC)).to("now").fetch().one().orElse(Map.of());
  }

  @SuppressWarnings("unchecked")
  private static List<EvidencePath> evidence(@Nullable Object raw) {
    if (!(raw instanceof List<?> paths)) {
      return List.of();
    }
    List<EvidencePath> out = new ArrayList<>(paths.size());
    for (Object o : paths) {
      Map<String, Object> p = (Map<String, Object>) o;
      List<EvidencePath.Step> steps = new ArrayList<>();
      for (Object n : (List<Object>) p.get("nodes")) {
        Map<String, Object> node = (Map<String, Object>) n;
        List<String> labels = (List<String>) node.get("labels");
        String label = labels.stream().filter(l -> io.customergraph.graph.NodeKind.ofLabel(l).isPresent()).findFirst()
            .orElse(labels.isEmpty() ? "" : labels.get(0));
        String id = (String) node.get("id");
        String name = node.get("name") == null ? label + " " + id : String.valueOf(node.get("name"));
        steps.add(new EvidencePath.Step(id, label, name, time(node.get("at")), node.get("detail") == null ? null : String.valueOf(node.get("detail"))));
      }
      List<EvidencePath.Hop> hops = new ArrayList<>();
      for (Object r : (List<Object>) p.get("rels")) {
        Map<String, Object> rel = (Map<String, Object>) r;
        hops.add(new EvidencePath.Hop((String) rel.get("type"), (String) rel.get("start"), (String) rel.get("end")));
      }
      out.add(new EvidencePath(List.copyOf(steps), List.copyOf(hops)));
    }
    return List.copyOf(out);
  }

  private static @Nullable OffsetDateTime time(@Nullable Object t) {
    return switch (t) {
      case null -> null;
      case ZonedDateTime z -> z.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
      case OffsetDateTime o -> o.withOffsetSameInstant(ZoneOffset.UTC);
      case java.time.LocalDate d -> d.atStartOfDay().atOffset(ZoneOffset.UTC);
      default -> null;
    };
  }
}
