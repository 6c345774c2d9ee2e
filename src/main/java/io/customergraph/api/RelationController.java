package io.customergraph.api;

import io.customergraph.graph.Account;
import io.customergraph.graph.Activity;
import io.customergraph.graph.Call;
import io.customergraph.graph.Contact;
import io.customergraph.graph.Deal;
import io.customergraph.graph.Email;
import io.customergraph.graph.GraphReader;
import io.customergraph.graph.GraphReader.Participation;
import io.customergraph.graph.Invoice;
import io.customergraph.graph.Ticket;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;

/**
 * Relations between nodes, each resolved for a whole list of parents in one query (a page of 100 accounts with
 * their contacts and deals is three queries, not 201).
 */
@Controller
class RelationController {

  private final GraphReader reader;

  RelationController(GraphReader reader) {
    this.reader = reader;
  }

  @BatchMapping(typeName = "Account")
  Map<Account, List<Contact>> contacts(List<Account> accounts) {
    Map<String, List<Contact>> byId = reader.contactsOfAccounts(ids(accounts, Account::id));
    return byParent(accounts, Account::id, byId);
  }

  @BatchMapping(typeName = "Account")
  Map<Account, List<Deal>> deals(List<Account> accounts) {
    Map<String, List<Deal>> byId = reader.dealsOfAccounts(ids(accounts, Account::id));
    return byParent(accounts, Account::id, byId);
  }

  @BatchMapping(typeName = "Contact")
  Map<Contact, Account> account(List<Contact> contacts) {
    Map<String, Account> accounts = reader.accounts(contacts.stream().map(Contact::accountId).filter(Objects::nonNull).distinct().toList());
    Map<Contact, Account> out = new LinkedHashMap<>();
    contacts.forEach(c -> {
      Account a = c.accountId() == null ? null : accounts.get(c.accountId());
      if (a != null) {
        out.put(c, a);
      }
    });
    return out;
  }

  @BatchMapping(typeName = "Deal", field = "account")
  Map<Deal, Account> dealAccount(List<Deal> deals) {
    return accountsFor(deals, Deal::id);
  }

  @BatchMapping(typeName = "Ticket", field = "account")
  Map<Ticket, Account> ticketAccount(List<Ticket> tickets) {
    return accountsFor(tickets, Ticket::id);
  }

  @BatchMapping(typeName = "Invoice", field = "account")
  Map<Invoice, Account> invoiceAccount(List<Invoice> invoices) {
    return accountsFor(invoices, Invoice::id);
  }

  @BatchMapping(typeName = "Email")
  Map<Email, Contact> from(List<Email> emails) {
    return first(emails, Email::id, Participation.SENT);
  }

  @BatchMapping(typeName = "Email")
  Map<Email, List<Contact>> to(List<Email> emails) {
    return byParent(emails, Email::id, reader.contactsOf(ids(emails, Email::id), Participation.TO));
  }

  @BatchMapping(typeName = "Email")
  Map<Email, List<Contact>> cc(List<Email> emails) {
    return byParent(emails, Email::id, reader.contactsOf(ids(emails, Email::id), Participation.CC));
  }

  @BatchMapping(typeName = "Call")
  Map<Call, List<Contact>> participants(List<Call> calls) {
    return byParent(calls, Call::id, reader.contactsOf(ids(calls, Call::id), Participation.JOINED));
  }

  @BatchMapping(typeName = "Ticket")
  Map<Ticket, Contact> requester(List<Ticket> tickets) {
    return first(tickets, Ticket::id, Participation.RAISED);
  }

  @BatchMapping(typeName = "Activity")
  Map<Activity, Contact> contact(List<Activity> activities) {
    return first(activities, Activity::id, Participation.PERFORMED);
  }

  private <P> Map<P, Account> accountsFor(List<P> parents, Function<P, String> id) {
    Map<String, Account> byId = reader.accountsFor(ids(parents, id));
    Map<P, Account> out = new LinkedHashMap<>();
    parents.forEach(p -> {
      Account a = byId.get(id.apply(p));
      if (a != null) {
        out.put(p, a);
      }
    });
    return out;
  }

  private <P> Map<P, Contact> first(List<P> parents, Function<P, String> id, Participation how) {
    Map<String, List<Contact>> byId = reader.contactsOf(ids(parents, id), how);
    Map<P, Contact> out = new LinkedHashMap<>();
    parents.forEach(p -> {
      List<Contact> cs = byId.getOrDefault(id.apply(p), List.of());
      if (!cs.isEmpty()) {
        out.put(p, cs.get(0));
      }
    });
    return out;
  }

  private static <P> Collection<String> ids(List<P> parents, Function<P, String> id) {
    return parents.stream().map(id).distinct().toList();
  }

  private static <P, C> Map<P, List<C>> byParent(List<P> parents, Function<P, String> id, Map<String, List<C>> byId) {
    Map<P, List<C>> out = new LinkedHashMap<>();
    parents.forEach(p -> out.put(p, byId.getOrDefault(id.apply(p), List.of())));
    return out;
  }
}
