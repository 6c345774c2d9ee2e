package io.customergraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bulk mail without List-Id or Precedence headers (older mail, marketing senders) is known by its sender: a role
 * address or a list host. Its text is list mail, passed on, never tagged as the author's intent (issue #21).
 */
class BulkSenderTest {

  @Test
  void roleAddressesAndListHostsAreBulkPeopleAreNot() {
    assertThat(List.of("bounce-news-932653@lists.autoweb.com", "Network Promotion <unsubscribe-i@networkpromotion.com>", "subscriptions@intelligencepress.com",
        "market-reply@listserv.dowjones.com", "anchordesk_daily@anchordesk.zdlists.com", "postmaster@glmail2.networkpromotion.com",
        "networkcommerce-tdsd20011228@ombramarketing.com", "no-reply@shop.example", "announcements.enron@enron.com"))
        .allMatch(EmailParser::bulkSender);
    assertThat(List.of("phillip.allen@enron.com", "\"Allen, Phillip K.\" <k..allen@enron.com>", "jane.newsome@acme.example", "ann@specialists.example",
        "greg.whalley@enron.com", "no address here"))
        .noneMatch(EmailParser::bulkSender);
  }

  /** The allen-p mailbox read as ingestion reads it: its newsletters and offers are list mail, Phillip's own notes are not. */
  @Test
  void theMailboxsNewslettersAreListMailAndItsOwnersNotesAreNot() {
    MailText.Read read = MailText.read(List.of(TestData.path("email/maildir/allen-p")));
    assertThat(read.unreadable()).isZero();
    assertThat(read.messages()).filteredOn(m -> m.position().endsWith("deleted_items/16.") || m.position().endsWith("all_documents/2."))
        .hasSize(2).allMatch(MailText.Message::listMail);
    assertThat(read.messages()).filteredOn(m -> m.position().contains("_sent_mail/")).isNotEmpty().noneMatch(MailText.Message::listMail);
  }
}
