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
import java.util.List;

/** The connection types of the schema; each keeps its filter so {@code totalCount} can be counted on demand. */
final class Connections {
  private Connections() {}

  record AccountConnection(List<Page.Edge<Account>> edges, PageInfo pageInfo, AccountFilter filter) {
    AccountConnection(Page<Account> page, AccountFilter filter) {
      this(page.edges(), Pagination.info(page), filter);
    }
  }

  record ContactConnection(List<Page.Edge<Contact>> edges, PageInfo pageInfo, ContactFilter filter) {
    ContactConnection(Page<Contact> page, ContactFilter filter) {
      this(page.edges(), Pagination.info(page), filter);
    }
  }

  record DealConnection(List<Page.Edge<Deal>> edges, PageInfo pageInfo, DealFilter filter) {
    DealConnection(Page<Deal> page, DealFilter filter) {
      this(page.edges(), Pagination.info(page), filter);
    }
  }

  record TimelineConnection(List<Page.Edge<Interaction>> edges, PageInfo pageInfo) {
    TimelineConnection(Page<Interaction> page) {
      this(page.edges(), Pagination.info(page));
    }
  }
}
