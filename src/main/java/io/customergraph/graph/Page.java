package io.customergraph.graph;

import java.util.List;

/** One page of a keyset-paginated list. */
public record Page<T>(List<Edge<T>> edges, boolean hasNextPage, boolean hasPreviousPage) {

  /** One row with the cursor that continues after it. */
  public record Edge<T>(String cursor, T node) {}

  /** Builds a page from up to {@code first + 1} fetched rows; the extra row only says whether there is more. */
  public static <T> Page<T> of(List<T> fetched, int first, java.util.function.Function<T, Cursor> cursorOf, boolean after) {
    boolean more = fetched.size() > first;
    List<T> rows = more ? fetched.subList(0, first) : fetched;
    return new Page<>(rows.stream().map(r -> new Edge<>(cursorOf.apply(r).encode(), r)).toList(), more, after);
  }
}
