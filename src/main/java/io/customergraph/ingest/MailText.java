package io.customergraph.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Mail read as ingestion reads it, without a graph: each message of maildirs, mbox files or single messages parsed by
 * the ingestion parser (MIME decoding, quoted history and signature cut off, list headers read), for evaluations that
 * must see the same text the service tags.
 */
public final class MailText {

  /**
   * One parsed message.
   *
   * @param position where it was read (file path, or mbox file and line)
   * @param messageId its Message-ID (or the content-hash id ingestion gives a message without one)
   * @param body the new text (quoted history and signature cut off), as stored on {@code Email.body}
   * @param listMail whether its headers mark it as list mail
   */
  public record Message(String position, String messageId, String subject, String body, boolean listMail) {}

  /** What was read: the messages, and how many records could not be parsed (ingestion would quarantine them). */
  public record Read(List<Message> messages, int unreadable) {}

  private MailText() {}

  /** Reads every message under the paths, in the order ingestion walks them. */
  public static Read read(List<Path> paths) {
    // The parser alone, not IngestProperties: building those sets the service-wide separate-domains list.
    EmailParser parser = new EmailParser("US");
    List<Message> out = new ArrayList<>();
    int unreadable = 0;
    try (RecordSource source = RecordSource.open(IngestKind.EMAIL, paths)) {
      while (source.hasNext()) {
        RawRecord raw = source.next();
        if (parser.parse(raw) instanceof ParseResult.Parsed parsed) {
          for (Facts.Fact f : parsed.facts()) {
            if (f instanceof Facts.Email e) {
              out.add(new Message(raw.position(), e.messageId(), e.subject(), e.body(), e.listMail()));
            }
          }
        } else {
          unreadable++;
        }
      }
    }
    return new Read(out, unreadable);
  }
}
