package io.customergraph.score;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Model versions as {@code Model} nodes: weights, metrics, window, feature list. The active one is cached. */
@Component
class Models {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final Neo4jClient client;
  private final ScoreProperties properties;
  private final Map<ScoreKind, Model> active = new EnumMap<>(ScoreKind.class);

  Models(Neo4jClient client, ScoreProperties properties) {
    this.client = client;
    this.properties = properties;
  }

  /** The active model of a kind: the latest published version, or the prior weights. Forbidden features never count. */
  synchronized Model active(ScoreKind kind) {
    return active.computeIfAbsent(kind, k -> versions(k).stream().filter(m -> m.status() == Model.Status.ACTIVE).findFirst()
        .map(this::withoutForbidden)
        .orElseGet(() -> Priors.of(k, new HashSet<>(properties.forbiddenFeatures()), properties.minimumOutcomes())));
  }

  /** Every stored version of a kind, newest first. */
  List<Model> versions(ScoreKind kind) {
    List<Model> out = new ArrayList<>();
    client.query("MATCH (m:Model {kind: $kind}) RETURN m.json AS json ORDER BY m.version DESC")
        .bind(kind.name()).to("kind").fetch().all()
        .forEach(r -> out.add(JSON.readValue((String) r.get("json"), Model.class)));
    return out;
  }

  /** Stores a new version; if it is active, the previous active version is retired. */
  synchronized void save(Model model) {
    Map<String, Object> p = new HashMap<>();
    p.put("id", model.id());
    p.put("kind", model.kind().name());
    p.put("version", model.version());
    p.put("status", model.status().name());
    p.put("features", model.features());
    p.put("weights", model.coefficients().stream().map(Model.Coefficient::weight).toList());
    p.put("auc", model.test() == null ? null : model.test().auc());
    p.put("brier", model.test() == null ? null : model.test().brier());
    p.put("trainedAt", ZonedDateTime.ofInstant(model.trainedAt(), ZoneOffset.UTC));
    p.put("json", JSON.writeValueAsString(model));
    p.put("retire", model.status() == Model.Status.ACTIVE);
    client.query(
            """
            CALL () {
              MATCH (old:Model {kind: $kind, status: 'ACTIVE'}) WHERE $retire
              SET old.status = 'RETIRED', old.json = replace(old.json, '"status":"ACTIVE"', '"status":"RETIRED"')
            }
            CREATE (m:Model {id: $id})
            SET m.kind = $kind, m.version = $version, m.status = $status, m.features = $features, m.weights = $weights,
                m.auc = $auc, m.brier = $brier, m.trainedAt = $trainedAt, m.json = $json""")
        .bindAll(p).run();
    active.remove(model.kind());
  }

  /** The next version number of a kind. */
  int nextVersion(ScoreKind kind) {
    return client.query("MATCH (m:Model {kind: $kind}) RETURN coalesce(max(m.version), 0) + 1 AS v")
        .bind(kind.name()).to("kind").fetchAs(Long.class).one().orElse(1L).intValue();
  }

  /** Forgets the cache (after the graph was emptied or replaced). */
  synchronized void forget() {
    active.clear();
  }

  private Model withoutForbidden(Model m) {
    List<Model.Coefficient> kept = m.coefficients().stream().filter(c -> !properties.forbiddenFeatures().contains(c.feature())).toList();
    List<Model.Term> keptTerms = m.terms().stream()
        .filter(t -> t.axes().stream().noneMatch(a -> properties.forbiddenFeatures().contains(a.feature()))).toList();
    return kept.size() == m.coefficients().size() && keptTerms.size() == m.terms().size() ? m : new Model(
        m.kind(), m.version(), m.status(), m.prior(), m.intercept(), kept, keptTerms, m.calibrationSlope(), m.calibrationOffset(), m.test(),
        m.activeOnTest(), m.segments(), m.window(), m.trainedAt(), m.note() + " (forbidden features dropped at load)");
  }

  static @Nullable Instant instant(@Nullable Object t) {
    return t instanceof ZonedDateTime z ? z.toInstant() : t instanceof java.time.OffsetDateTime o ? o.toInstant() : null;
  }
}
