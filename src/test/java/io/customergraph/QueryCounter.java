package io.customergraph;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.neo4j.core.Neo4jClient;

/** Counts Cypher statements sent through {@link Neo4jClient} or run in-process by {@code graph.Reads}, to prove that GraphQL resolution is N+1-free. */
public final class QueryCounter {

  private final AtomicInteger count = new AtomicInteger();
  private volatile int failAt = -1;

  /** Statements since the last reset. */
  public int count() {
    return count.get();
  }

  public void reset() {
    count.set(0);
  }

  /** Makes the n-th statement from now fail, as if the process died there; negative turns it off. */
  public void failAt(int n) {
    reset();
    failAt = n;
  }

  /**
   * Background work runs on named threads and is not part of resolving the request being counted: the audit writer
   * (once a second), Spring's scheduler (polls and rescoring, slowed down in tests but still running), resolution of
   * upserts, word-vector training and the first-start rescoring.
   */
  static boolean background(String thread) {
    for (String prefix : BACKGROUND) {
      if (thread.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static final java.util.List<String> BACKGROUND =
      java.util.List.of("audit-writer", "scheduling-", "resolve-upserts", "word-vectors", "score-first-start");

  /** Counts one statement of the current thread, unless it is background work; fails it where asked. */
  void statement() {
    if (background(Thread.currentThread().getName())) {
      return;
    }
    if (count.incrementAndGet() == failAt) {
      failAt = -1;
      throw new IllegalStateException("simulated crash at statement " + count.get());
    }
  }

  /** Wraps the application's Neo4jClient so every {@code query(...)} call is counted. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class Configuration {
    @Bean
    QueryCounter queryCounter() {
      return new QueryCounter();
    }

    @Bean
    static BeanPostProcessor countingNeo4jClient(org.springframework.beans.factory.ObjectProvider<QueryCounter> counter) {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
          if (bean instanceof io.customergraph.graph.Reads reads) {
            // Statements the request path runs in-process on the embedded database, without the driver.
            reads.onStatement(cypher -> counter.getObject().statement());
            return bean;
          }
          if (!(bean instanceof Neo4jClient client)) {
            return bean;
          }
          InvocationHandler handler =
              (proxy, method, args) -> {
                if (method.getName().equals("query")) {
                  counter.getObject().statement();
                }
                try {
                  return method.invoke(client, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              };
          return Proxy.newProxyInstance(Neo4jClient.class.getClassLoader(), new Class<?>[] {Neo4jClient.class}, handler);
        }
      };
    }
  }
}
