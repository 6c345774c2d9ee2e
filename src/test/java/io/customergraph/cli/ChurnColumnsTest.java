package io.customergraph.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customergraph.TestData;
import io.customergraph.score.Quality;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate-scoring --parts churn} reads another churn file than the one it was written for (the project runs it
 * on a churn set kept out of sight): the outcome column found by its usual names and read as yes/no as well as
 * true/false, identifiers, people's names and protected attributes left out of the fields with why, blank numbers
 * read as missing by the plain regression beside the product.
 */
class ChurnColumnsTest {

  @TempDir Path dir;

  @Test
  void theBundledTelecomFilesKeepEveryColumnButTheOutcome() throws IOException {
    ScoringEvaluation.ChurnColumns c = ScoringEvaluation.churnColumns(TestData.path("outcomes/churn-bigml-80.csv"), null, null);
    assertThat(c.outcome()).isEqualTo("Churn");
    assertThat(c.fields()).isEqualTo("state,account_length,area_code,international_plan,voice_mail_plan,number_vmail_messages,"
        + "total_day_minutes,total_day_calls,total_day_charge,total_eve_minutes,total_eve_calls,total_eve_charge,total_night_minutes,"
        + "total_night_calls,total_night_charge,total_intl_minutes,total_intl_calls,total_intl_charge,customer_service_calls");
    assertThat(c.leftOut()).isEmpty();
  }

  @Test
  void anotherShapeOfChurnFileIsReadWithoutItsIdentifiersNamesAndProtectedAttributes() throws IOException {
    StringBuilder train = new StringBuilder("RowNumber,CustomerId,Surname,Gender,Age,Tenure,Balance,Plan,Exited\r\n");
    StringBuilder test = new StringBuilder(train);
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 400; i++) {
      boolean left = random.nextDouble() < 0.3;
      int tenure = left ? random.nextInt(4) : random.nextInt(10);
      String balance = random.nextInt(20) == 0 ? "" : "%.2f".formatted(random.nextDouble() * 1000 + (left ? 500 : 0));
      String row = "%d,%d,%s,%s,%d,%d,%s,%s,%d\r\n".formatted(i + 1, 15_600_000 + i * 7, "Name" + random.nextInt(150), random.nextBoolean() ? "Female" : "Male",
          18 + random.nextInt(60), tenure, balance, random.nextBoolean() ? "basic" : "plus", left ? 1 : 0);
      (i < 300 ? train : test).append(row);
    }
    Path trainFile = Files.writeString(dir.resolve("train.csv"), train);
    Path testFile = Files.writeString(dir.resolve("test.csv"), test);
    ScoringEvaluation.ChurnColumns c = ScoringEvaluation.churnColumns(trainFile, null, null);
    assertThat(c.outcome()).isEqualTo("Exited");
    assertThat(c.fields()).isEqualTo("tenure,balance,plan");
    assertThat(c.leftOut()).containsExactly("RowNumber (an identifier)", "CustomerId (an identifier)", "Surname (a person's name or contact details)",
        "Gender (a protected attribute)", "Age (a protected attribute)");
    // The plain regression beside the product reads 0/1 outcomes and blank balances, and ranks by tenure and balance.
    Quality plain = ScoringEvaluation.plainLogistic(trainFile, testFile, c);
    assertThat(plain.examples()).isEqualTo(100);
    assertThat(plain.auc()).isGreaterThan(0.75);
    assertThat(ScoringEvaluation.churnColumns(trainFile, "exited", "tenure").fields()).isEqualTo("tenure");
    assertThatThrownBy(() -> ScoringEvaluation.churnColumns(trainFile, "Left", null)).hasMessageContaining("has no such column");
    Path unreadable = Files.writeString(dir.resolve("unreadable.csv"), train.toString().replaceFirst(",1\r\n", ",maybe\r\n"));
    assertThatThrownBy(() -> ScoringEvaluation.plainLogistic(unreadable, testFile, c)).hasMessageContaining("unreadable.csv row")
        .hasMessageContaining("unreadable outcome 'maybe'");
    Path noOutcome = Files.writeString(dir.resolve("plain.csv"), "id,plan\n1,basic\n");
    assertThatThrownBy(() -> ScoringEvaluation.churnColumns(noOutcome, null, null)).hasMessageContaining("no churn column").hasMessageContaining("--churn-column");
  }
}
