package io.customergraph.api;

import io.customergraph.graph.Cursor;
import io.customergraph.graph.GraphReader;
import io.customergraph.graph.Page;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Page-size capping and cursor handling shared by every connection. */
final class Pagination {
  private Pagination() {}

  static final int DEFAULT_PAGE_SIZE = 20;

  /** The page size to use: the default when absent; below 1 or above the maximum is refused (huge pages are a cost, not a convenience). */
  static int size(@Nullable Integer first) {
    if (first == null) {
      return DEFAULT_PAGE_SIZE;
    }
    if (first < 1) {
      throw new BadRequest("first must be at least 1, got " + first);
    }
    if (first > GraphReader.MAX_PAGE_SIZE) {
      throw new BadRequest("first must be at most " + GraphReader.MAX_PAGE_SIZE + " (one page), got " + first + "; read on with after: pageInfo.endCursor");
    }
    return first;
  }

  static @Nullable Cursor after(@Nullable String after) {
    return after == null || after.isEmpty() ? null : Cursor.decode(after);
  }

  static <T> PageInfo info(Page<T> page) {
    List<Page.Edge<T>> edges = page.edges();
    return new PageInfo(
        page.hasNextPage(),
        page.hasPreviousPage(),
        edges.isEmpty() ? null : edges.get(0).cursor(),
        edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor());
  }

  /** Where a page sits. */
  record PageInfo(boolean hasNextPage, boolean hasPreviousPage, @Nullable String startCursor, @Nullable String endCursor) {}
}
