package io.customergraph.graph;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.neo4j.driver.Values;
import org.neo4j.driver.types.MapAccessor;
import org.neo4j.graphdb.Entity;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Read statements of the request path. On the embedded database they run in this process through Neo4j's own
 * transaction API: no serialising, sending, parsing and streaming back over Bolt on loopback, which was the largest
 * share of a GraphQL request's time (issue #25, docs/speed.md). On an external server ({@code NEO4J_URI}), and inside a
 * transaction Spring manages (whose uncommitted writes only that transaction sees), they go through the driver as every
 * other statement does. Either way a row is read through the driver's {@link MapAccessor}, so one mapping serves both.
 *
 * <p>Statements return values, never nodes or relationships: project what is needed ({@code RETURN a {.*} AS a}); a
 * node in a row is refused by its column's name.
 */
@Component
public class Reads {

  private final Neo4jClient client;
  private final @Nullable GraphDatabaseService embedded;
  private final List<Consumer<String>> observers = new CopyOnWriteArrayList<>();

  Reads(Neo4jClient client, ObjectProvider<EmbeddedNeo4j> embedded) {
    this.client = client;
    EmbeddedNeo4j local = embedded.getIfAvailable();
    this.embedded = local == null ? null : local.database();
  }

  /** Told the text of every statement run in this process (the driver's are seen on {@link Neo4jClient}). */
  public void onStatement(Consumer<String> observer) {
    observers.add(observer);
  }

  /** Every row, mapped. */
  public <T> List<T> list(String cypher, Map<String, ?> params, Function<MapAccessor, T> row) {
    List<T> out = new ArrayList<>();
    each(cypher, params, r -> out.add(row.apply(r)));
    return out;
  }

  /** The first row, mapped, if any. */
  public <T> Optional<T> first(String cypher, Map<String, ?> params, Function<MapAccessor, T> row) {
    List<T> all = list(cypher, params, row);
    return all.isEmpty() ? Optional.empty() : Optional.ofNullable(all.get(0));
  }

  /** Hands every row to {@code row}. */
  public void each(String cypher, Map<String, ?> params, Consumer<MapAccessor> row) {
    GraphDatabaseService db = embedded;
    if (db == null || TransactionSynchronizationManager.isActualTransactionActive()) {
      client.query(cypher).bindAll(new HashMap<>(params)).fetchAs(Boolean.class).mappedBy((t, r) -> {
        row.accept(r);
        return Boolean.TRUE;
      }).all();
      return;
    }
    observers.forEach(o -> o.accept(cypher));
    try (Transaction tx = db.beginTx(); Result result = tx.execute(cypher, parameters(params))) {
      while (result.hasNext()) {
        row.accept(Values.value(values(result.next())));
      }
    }
  }

  /** Parameters as the embedded API takes them: offsets as zoned times, any collection as a list, enums by name. */
  private static Map<String, Object> parameters(Map<String, ?> params) {
    Map<String, Object> out = new HashMap<>();
    params.forEach((k, v) -> out.put(k, parameter(v)));
    return out;
  }

  private static @Nullable Object parameter(@Nullable Object v) {
    if (v instanceof OffsetDateTime t) {
      return t.toZonedDateTime();
    }
    if (v instanceof Collection<?> c) {
      List<@Nullable Object> out = new ArrayList<>(c.size());
      c.forEach(x -> out.add(parameter(x)));
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new HashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), parameter(x)));
      return out;
    }
    if (v instanceof Enum<?> e) {
      return e.name();
    }
    return v;
  }

  private static Map<String, Object> values(Map<String, Object> row) {
    Map<String, Object> out = new LinkedHashMap<>(row);
    out.forEach((column, v) -> {
      if (v instanceof Entity || v instanceof org.neo4j.graphdb.Path) {
        throw new IllegalArgumentException(
            "column '" + column + "' holds a node, relationship or path: in-process reads return values (project its properties, e.g. n {.*})");
      }
    });
    return out;
  }
}
