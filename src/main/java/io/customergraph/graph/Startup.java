package io.customergraph.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The start-up work the service must finish before it is ready: each capability names its steps when its bean is
 * made (so all are known before the first request can arrive) and reports them done or failed, from whatever thread
 * does the work. Part of the readiness group ({@code /actuator/health/readiness}): OUT_OF_SERVICE while any step is
 * pending or running, with every step's state and time in the details. A failed step does not hold readiness back —
 * the service answers without it (say, without word vectors) — but it stays visible there and in the log.
 */
@Component("startup")
public class Startup implements HealthIndicator {

  private static final Logger log = LoggerFactory.getLogger(Startup.class);

  /** Where a step is. */
  public enum State { PENDING, RUNNING, DONE, SKIPPED, FAILED }

  private record Step(State state, long startedNanos, long millis, String detail) {
    boolean pending() {
      return state == State.PENDING || state == State.RUNNING;
    }
  }

  private final Map<String, Step> steps = new ConcurrentHashMap<>();
  private final long created = System.nanoTime();
  /** Set once every bean exists, and so every step has been named. */
  private volatile boolean allNamed;
  private final java.util.concurrent.atomic.AtomicBoolean announced = new java.util.concurrent.atomic.AtomicBoolean();

  @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationStartedEvent.class)
  void allStepsNamed() {
    allNamed = true;
    announceIfFinished();
  }

  /** A step that must finish before the service is ready. */
  public void expect(String step) {
    steps.putIfAbsent(step, new Step(State.PENDING, 0, 0, ""));
  }

  public void running(String step) {
    steps.put(step, new Step(State.RUNNING, System.nanoTime(), 0, ""));
  }

  public void done(String step, String detail) {
    finish(step, State.DONE, detail);
  }

  /** A step with nothing to do here (a setting turned it off). */
  public void skipped(String step, String why) {
    finish(step, State.SKIPPED, why);
  }

  public void failed(String step, String reason) {
    finish(step, State.FAILED, reason);
    log.warn("Start-up step {} failed: {}; the service will be ready without it", step, reason);
  }

  private void finish(String step, State state, String detail) {
    Step before = steps.get(step);
    long started = before != null && before.startedNanos() > 0 ? before.startedNanos() : System.nanoTime();
    steps.put(step, new Step(state, started, (System.nanoTime() - started) / 1_000_000, detail));
    announceIfFinished();
  }

  private void announceIfFinished() {
    if (allNamed && finished() && announced.compareAndSet(false, true)) {
      log.info("Ready (/actuator/health/readiness UP): every start-up step has finished, {} s after the service was created",
          String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - created) / 1e9));
    }
  }

  /** Whether every step but the one named has finished (a step that must come last waits on the others). */
  public boolean finishedExcept(String step) {
    return steps.entrySet().stream().noneMatch(e -> !e.getKey().equals(step) && e.getValue().pending());
  }

  /** Whether every step has finished (done, skipped or failed). */
  public boolean finished() {
    return steps.values().stream().noneMatch(Step::pending);
  }

  @Override
  public Health health() {
    Map<String, Object> details = new LinkedHashMap<>();
    steps.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      Step s = e.getValue();
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("state", s.state());
      if (s.state() == State.RUNNING) {
        d.put("runningForMs", (System.nanoTime() - s.startedNanos()) / 1_000_000);
      } else if (s.state() != State.PENDING) {
        d.put("tookMs", s.millis());
      }
      if (!s.detail().isEmpty()) {
        d.put("detail", s.detail());
      }
      details.put(e.getKey(), d);
    });
    return (finished() ? Health.up() : Health.outOfService()).withDetails(details).build();
  }
}
