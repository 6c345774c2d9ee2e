package io.customergraph.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.security.Caller;
import io.customergraph.security.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/** Issue #19: subscriptions outlive the request deadline, so one key may hold only so many open at once. */
class SubscriptionSlotsTest {

  @Test
  void aKeyHoldsAtMostItsSubscriptionsAndClosingOneFreesASlot() {
    ApiProperties properties = new ApiProperties(15, 1000, 30, 15000, Duration.ofSeconds(30), 500, true, 10000, 200, 3);
    SubscriptionSlots slots = new SubscriptionSlots(properties);
    Caller dashboard = new Caller("key_dash", "dashboard", Set.of(Role.MANAGER), null, null, true, 0);
    Caller other = new Caller("key_other", "other", Set.of(Role.MANAGER), null, null, true, 0);

    List<Disposable> open = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      open.add(slots.hold(dashboard, Flux.never()).subscribe());
    }
    assertThat(slots.openFor(dashboard)).isEqualTo(3);
    AtomicReference<Throwable> refused = new AtomicReference<>();
    slots.hold(dashboard, Flux.never()).subscribe(x -> {}, refused::set);
    assertThat(refused.get()).isInstanceOf(BadRequest.class).hasMessageContaining("3 open subscriptions").hasMessageContaining("max-subscriptions");
    // Another key has its own slots.
    open.add(slots.hold(other, Flux.never()).subscribe());
    assertThat(slots.openFor(other)).isEqualTo(1);
    // Closing one frees a slot.
    open.getFirst().dispose();
    assertThat(slots.openFor(dashboard)).isEqualTo(2);
    slots.hold(dashboard, Flux.never()).subscribe();
    assertThat(slots.openFor(dashboard)).isEqualTo(3);
  }
}
