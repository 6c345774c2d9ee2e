package io.customergraph.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue #18.2: a flood of identical failures wrote a stack trace each (73 MB of log in two minutes). The first few of a
 * kind a minute are logged in full, then one line says the rest are held back.
 */
class UnexpectedErrorsTest {

  @Test
  void aFloodOfOneFailureLogsAFewStackTracesAndThenOneLine() {
    Logger logger = (Logger) LoggerFactory.getLogger(UnexpectedErrors.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      UnexpectedErrors errors = new UnexpectedErrors();
      int logged = 0;
      for (int i = 0; i < 1000; i++) {
        if (errors.shouldLog("java.lang.IllegalStateException at Contact.score")) {
          logged++;
        }
      }
      assertThat(logged).isEqualTo(UnexpectedErrors.TRACES_PER_WINDOW);
      assertThat(appender.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage()).contains("held back"));
      // Another kind of failure has its own allowance.
      assertThat(errors.shouldLog("java.lang.NullPointerException at Account.deals")).isTrue();
    } finally {
      logger.detachAppender(appender);
    }
  }
}
