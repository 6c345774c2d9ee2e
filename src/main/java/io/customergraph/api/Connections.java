package io.customergraph.api;

import io.customergraph.api.Pagination.PageInfo;
import io.customergraph.graph.Account;
import io.customergraph.graph.Contact;
import io.customergraph.graph.Deal;
import io.customergraph.graph.Filters.AccountFilter;
import io.customergraph.graph.Filters.ContactFilter;
import io.customergraph.graph.Filters.DealFilter;
import io.customergraph.graph.Interaction;
import io.customergraph.graph.Page;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The connection types of the schema; each keeps its filter (and a rep's scope) so {@code totalCount} can be counted on demand. */
final class Connections {
  private Connections() {}

  record AccountConnection(List<Page.Edge<Account>> edges, PageInfo pageInfo, AccountFilter filter, @Nullable Collection<String> scope) {
    AccountConnection(Page<Account> page, AccountFilter filter, @Nullable Collection<String> scope) {
      this(page.edges(), Pagination.info(page), filter, scope);
    }
  }

  record ContactConnection(List<Page.Edge<Contact>> edges, PageInfo pageInfo, ContactFilter filter, @Nullable Collection<String> scope) {
    ContactConnection(Page<Contact> page, ContactFilter filter, @Nullable Collection<String> scope) {
      this(page.edges(), Pagination.info(page), filter, scope);
    }
  }

  record DealConnection(List<Page.Edge<Deal>> edges, PageInfo pageInfo, DealFilter filter, @Nullable Collection<String> scope) {
    DealConnection(Page<Deal> page, DealFilter filter, @Nullable Collection<String> scope) {
      this(page.edges(), Pagination.info(page), filter, scope);
    }
  }

  record TimelineConnection(List<Page.Edge<Interaction>> edges, PageInfo pageInfo) {
    TimelineConnection(Page<Interaction> page) {
      this(page.edges(), Pagination.info(page));
    }
  }
}
