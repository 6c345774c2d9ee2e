package io.customergraph.api;

import io.customergraph.security.Caller;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Open subscriptions per key ({@code customer-graph.api.max-subscriptions}, 20): a subscription lives as long as its
 * client wants (it is not bound by the request deadline), so one key must not hold an unbounded number open. A
 * subscription beyond the limit ends at once with BAD_REQUEST naming it; closing one frees its slot. Counted per
 * instance, like rate limits.
 */
@Component
class SubscriptionSlots {

  private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();
  private final int max;

  SubscriptionSlots(ApiProperties properties) {
    this.max = properties.maxSubscriptions();
  }

  /** The stream, holding one of the caller's slots while it is subscribed. */
  <T> Flux<T> hold(Caller caller, Flux<T> stream) {
    return Flux.defer(() -> {
      AtomicInteger n = open.computeIfAbsent(caller.id(), k -> new AtomicInteger());
      if (n.incrementAndGet() > max) {
        n.decrementAndGet();
        return Flux.error(new BadRequest("This key already holds %d open subscriptions, the most allowed (customer-graph.api.max-subscriptions); close one first".formatted(max)));
      }
      return stream.doFinally(signal -> n.decrementAndGet());
    });
  }

  /** Subscriptions the caller holds open now. */
  int openFor(Caller caller) {
    AtomicInteger n = open.get(caller.id());
    return n == null ? 0 : n.get();
  }
}
