package io.customergraph.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A cluster-wide job is held by one instance at a time (issue #23). */
class LeasesTest extends GraphSupport {

  @Autowired Leases leases;

  @BeforeEach
  void fresh() {
    emptyGraph();
  }

  @Test
  void oneHolderAtATimeUntilItExpiresOrIsReleased() {
    assertThat(leases.tryAcquire("job", "instance-a", Duration.ofHours(1))).isTrue();
    assertThat(leases.tryAcquire("job", "instance-b", Duration.ofHours(1))).as("held by a").isFalse();
    assertThat(leases.tryAcquire("job", "instance-a", Duration.ofHours(1))).as("a may renew").isTrue();
    leases.release("job", "instance-b");
    assertThat(leases.tryAcquire("job", "instance-b", Duration.ofHours(1))).as("only the holder releases").isFalse();
    leases.release("job", "instance-a");
    assertThat(leases.tryAcquire("job", "instance-b", Duration.ofMillis(1))).as("released").isTrue();
    sleep(20);
    assertThat(leases.tryAcquire("job", "instance-a", Duration.ofHours(1))).as("b's lease expired").isTrue();
    assertThat(count("MATCH (l:Lease {name: 'job'}) RETURN count(l)")).isEqualTo(1);
  }

  @Test
  void ofEightInstancesAskingAtOnceExactlyOneGetsTheLease() throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    ConcurrentLinkedQueue<String> winners = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String holder = "instance-" + i;
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          start.await();
          if (leases.tryAcquire("rescore", holder, Duration.ofHours(1))) {
            winners.add(holder);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    start.countDown();
    for (Thread t : threads) {
      t.join(60_000);
    }
    assertThat(winners).hasSize(1);
    assertThat(count("MATCH (l:Lease {name: 'rescore'}) RETURN count(l)")).isEqualTo(1);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
