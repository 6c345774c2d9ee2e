package io.customergraph.ingest;

import io.customergraph.ingest.Facts.Attachment;
import io.customergraph.ingest.Facts.Company;
import io.customergraph.ingest.Facts.Person;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** Parses one RFC 822 message (Jakarta Mail) into an {@link Facts.Email}, or says why it cannot. */
final class EmailParser {

  private static final Session SESSION = Session.getInstance(lenient());
  private static final Pattern REPLY_PREFIX = Pattern.compile("^\\s*((re|aw|sv|fw|fwd|wg)\\s*(\\[\\d+])?\\s*:\\s*)+", Pattern.CASE_INSENSITIVE);

  private final String phoneRegion;

  EmailParser(IngestProperties properties) {
    this(properties.phoneRegion());
  }

  /** A parser reading signature phone numbers in the given region (ISO 3166 code). */
  EmailParser(String phoneRegion) {
    this.phoneRegion = phoneRegion;
  }

  private static Properties lenient() {
    Properties p = new Properties();
    // Real archives are sloppy: read what can be read rather than refusing whole messages.
    p.setProperty("mail.mime.address.strict", "false");
    p.setProperty("mail.mime.decodetext.strict", "false");
    p.setProperty("mail.mime.parameters.strict", "false");
    p.setProperty("mail.mime.multipart.ignoreexistingboundaryparameter", "false");
    return p;
  }

  ParseResult parse(RawRecord raw) {
    MimeMessage message;
    try {
      message = new MimeMessage(SESSION, new ByteArrayInputStream(raw.payload()));
      String from = message.getHeader("From", ",");
      String date = message.getHeader("Date", null);
      String id = message.getMessageID();
      if (from == null && date == null && id == null) {
        return ParseResult.failed("not an email: no From, Date or Message-ID header (is this really a mail file?)");
      }
      if (from == null || from.isBlank()) {
        return ParseResult.failed("missing From header: nobody to attribute the message to");
      }
      Date sent = message.getSentDate();
      if (sent == null) {
        return ParseResult.failed("missing or unreadable Date header" + (date == null ? "" : ": '" + date.strip() + "'"));
      }
      String messageId = id == null || id.isBlank() ? "<" + raw.contentHash() + "@content-hash.invalid>" : id.strip();
      BodyParts body = new BodyParts();
      walk(message, body);
      String text = body.plain != null ? body.plain : body.html != null ? htmlToText(body.html) : "";
      ReplyText split = ReplyText.split(text);
      Signature signature = Signature.parse(split.signature(), phoneRegion);

      List<Person> fromPeople = people(from, message.getHeader("X-From", null));
      if (fromPeople.isEmpty()) {
        return ParseResult.failed("From header has no readable address: '" + from.strip() + "'");
      }
      Person sender = enrich(fromPeople.get(0), signature);
      String subject = message.getSubject() == null ? "" : message.getSubject().strip();
      String normalizedSubject = REPLY_PREFIX.matcher(subject).replaceFirst("").strip().toLowerCase(Locale.ROOT);
      boolean reply = !normalizedSubject.equals(subject.toLowerCase(Locale.ROOT)) || message.getHeader("In-Reply-To") != null;
      List<String> references = references(message);
      String inReplyTo = first(message.getHeader("In-Reply-To"));
      String threadKey =
          !references.isEmpty()
              ? "msg:" + references.get(0)
              : inReplyTo != null
                  ? "msg:" + inReplyTo
                  : normalizedSubject.length() >= 3 ? "subject:" + normalizedSubject : "msg:" + messageId;
      Facts.Email email =
          new Facts.Email(
              messageId,
              subject,
              split.newText(),
              split.quoted(),
              split.signature(),
              OffsetDateTime.ofInstant(sent.toInstant(), ZoneOffset.UTC),
              sender,
              people(message.getHeader("To", ","), message.getHeader("X-To", null)),
              people(message.getHeader("Cc", ","), message.getHeader("X-cc", null)),
              people(message.getHeader("Reply-To", ","), null),
              inReplyTo,
              references,
              threadKey,
              reply,
              body.attachments,
              first(message.getHeader("X-Folder")),
              listMail(message));
      return ParseResult.parsed("msgid:" + messageId, email);
    } catch (UnsupportedEncodingException e) {
      return ParseResult.failed("unknown charset: " + e.getMessage() + "; re-encode the message or add the charset to the JVM");
    } catch (TruncatedException e) {
      return ParseResult.failed(e.getMessage());
    } catch (MessagingException | IOException | RuntimeException e) {
      return ParseResult.failed("unreadable MIME: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /**
   * Whether the headers mark a message as list or bulk mail (RFC 2369 {@code List-*} headers, {@code Precedence: bulk,
   * list or junk}): its text is then nobody's own words ({@code language.Segments}).
   */
  static boolean listMail(jakarta.mail.internet.MimeMessage message) throws MessagingException {
    if (message.getHeader("List-Id") != null || message.getHeader("List-Unsubscribe") != null) {
      return true;
    }
    String precedence = first(message.getHeader("Precedence"));
    if (precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("bulk|list|junk")) {
      return true;
    }
    String from = message.getHeader("From", ",");
    return from != null && bulkSender(from);
  }

  /**
   * A role address that sends bulk mail, not a person: a bounce handler, list server, newsletter, announcement,
   * marketing or no-reply sender ({@code bounce-news-9326@lists.autoweb.com}, {@code unsubscribe-i@networkpromotion.com},
   * {@code subscriptions@intelligencepress.com}, {@code market-reply@listserv.dowjones.com}), by a word of its local part
   * or a list host among its domain's labels. Older mail, and mail from marketing senders, often lacks the List-Id and
   * Precedence headers that say so (the allen-p mailbox: none of its newsletters and offers carry one).
   */
  static boolean bulkSender(String from) {
    java.util.regex.Matcher address = ADDRESS.matcher(from);
    if (!address.find()) {
      return false;
    }
    String local = address.group(1).toLowerCase(Locale.ROOT), domain = address.group(2).toLowerCase(Locale.ROOT);
    return BULK_LOCAL.matcher(local).find() || java.util.Arrays.stream(domain.split("\\.")).anyMatch(label -> BULK_HOST.matcher(label).matches());
  }

  private static final Pattern ADDRESS = Pattern.compile("([^\\s<>\"@,;:]+)@([A-Za-z0-9.-]+)");
  private static final Pattern BULK_LOCAL = Pattern.compile(
      "(?:^|[._+\\-])(?:bounces?|unsubscribe|newsletters?|news|no-?reply|do-?not-?reply|no\\.address|mailer|mailer-daemon|postmaster|listserv|majordomo"
          + "|announce|announcements|offers|promotions?|promo|marketing|subscriptions?|webmaster|editor|e?delivery|delivers|alerts?|digest|notices?|notifications?)(?:$|[._+\\-\\d])");
  private static final Pattern BULK_HOST = Pattern.compile("[a-z]{0,3}lists?|listserv|mailman|bounces?|newsletters?|[a-z]*marketing");

  /** Text, HTML and attachments of a message, walking nested multiparts. */
  private static final class BodyParts {
    @Nullable String plain;
    @Nullable String html;
    final List<Attachment> attachments = new ArrayList<>();
  }

  private void walk(Part part, BodyParts out) throws MessagingException, IOException {
    String disposition = part.getDisposition();
    String filename = part.getFileName();
    if (part.isMimeType("multipart/*")) {
      Object content = part.getContent();
      if (content instanceof MimeMultipart mm && !mm.isComplete()) {
        throw new TruncatedException("truncated MIME: the multipart body ends before its closing boundary; the message was cut off in transfer or export");
      }
      Multipart mp = (Multipart) content;
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart child = mp.getBodyPart(i);
        walk(child, out);
      }
    } else if (Part.ATTACHMENT.equalsIgnoreCase(disposition) || (filename != null && !part.isMimeType("text/*"))
        || (filename != null && Part.ATTACHMENT.equalsIgnoreCase(disposition))) {
      out.attachments.add(new Attachment(filename == null ? "(unnamed)" : filename, baseType(part.getContentType()), size(part)));
    } else if (part.isMimeType("text/plain") && out.plain == null) {
      out.plain = (String) part.getContent();
    } else if (part.isMimeType("text/html") && out.html == null) {
      out.html = (String) part.getContent();
    } else if (part.isMimeType("message/rfc822") || filename != null) {
      out.attachments.add(new Attachment(filename == null ? "(forwarded message)" : filename, baseType(part.getContentType()), size(part)));
    }
  }

  /** Attachment size in bytes, counted by reading (decoded), not stored. */
  private static long size(Part part) throws MessagingException, IOException {
    long n = 0;
    try (InputStream in = part.getInputStream()) {
      byte[] buffer = new byte[8192];
      for (int r; (r = in.read(buffer)) > 0; ) {
        n += r;
      }
    }
    return n;
  }

  private static String baseType(@Nullable String contentType) {
    if (contentType == null) {
      return "application/octet-stream";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
  }

  static String htmlToText(String html) {
    Document doc = Jsoup.parse(html);
    doc.select("br").after("\\n");
    doc.select("p, div, tr, li, h1, h2, h3, h4, blockquote").before("\\n");
    return doc.text().replace("\\n", "\n").replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
  }

  /** The people of an address header; display names from the header, else from Enron-style X- headers. */
  private List<Person> people(@Nullable String header, @Nullable String xHeader) {
    if (header == null || header.isBlank()) {
      return List.of();
    }
    InternetAddress[] addresses;
    try {
      addresses = InternetAddress.parseHeader(header, false);
    } catch (AddressException e) {
      addresses = Arrays.stream(header.split("[,;]")).map(String::strip).filter(s -> s.contains("@")).map(s -> {
        InternetAddress a = new InternetAddress();
        a.setAddress(s);
        return a;
      }).toArray(InternetAddress[]::new);
    }
    List<String> xNames = xNames(xHeader);
    List<Person> out = new ArrayList<>();
    for (int i = 0; i < addresses.length; i++) {
      String email = Normalize.email(addresses[i].getAddress());
      if (email == null) {
        continue;
      }
      String name = Normalize.displayName(addresses[i].getPersonal());
      if (name == null && xNames.size() == addresses.length) {
        name = Normalize.displayName(xNames.get(i));
      }
      String domain = Normalize.companyDomain(email);
      out.add(new Person(name, email, null, null, domain == null ? null : new Company(null, domain, null)));
    }
    return withoutSharedLabels(out);
  }

  /**
   * A display name one header gives to several different addresses ("email &lt;.mike@enron.com&gt;, email
   * &lt;.ngw@enron.com&gt;" in Enron's mangled exports, "Support &lt;a@x&gt;, Support &lt;b@x&gt;") is a label, not
   * each person's name: those addresses keep no name, so that the label cannot make them look like one person.
   */
  static List<Person> withoutSharedLabels(List<Person> people) {
    Map<String, Set<String>> addressesByName = new HashMap<>();
    for (Person p : people) {
      if (p.name() != null && p.email() != null) {
        addressesByName.computeIfAbsent(p.name().toLowerCase(Locale.ROOT), k -> new HashSet<>()).add(p.email());
      }
    }
    if (addressesByName.values().stream().allMatch(a -> a.size() < 2)) {
      return people;
    }
    List<Person> out = new ArrayList<>(people.size());
    for (Person p : people) {
      boolean label = p.name() != null && addressesByName.getOrDefault(p.name().toLowerCase(Locale.ROOT), Set.of()).size() >= 2;
      out.add(label ? new Person(null, p.email(), p.phone(), p.title(), p.company()) : p);
    }
    return out;
  }

  /** Names of an X-From / X-To header: "Allen, Phillip K. &lt;/O=ENRON/…&gt;, Evans, Casey &lt;…&gt;". */
  private static List<String> xNames(@Nullable String x) {
    if (x == null || x.isBlank()) {
      return List.of();
    }
    if (x.contains(">")) {
      return Arrays.stream(x.split("(?<=>)\\s*,\\s*")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
    return Arrays.stream(x.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private Person enrich(Person sender, Signature signature) {
    Company company = sender.company();
    if (company != null && signature.company() != null) {
      company = new Company(signature.company(), company.domain(), null);
    }
    String name = sender.name() != null ? sender.name() : signature.name() != null && signature.name().contains(" ") ? signature.name() : null;
    return new Person(name, sender.email(), signature.phone(), signature.title(), company);
  }

  private static List<String> references(MimeMessage m) throws MessagingException {
    String refs = m.getHeader("References", " ");
    if (refs == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    var matcher = Pattern.compile("<[^>]+>").matcher(refs);
    while (matcher.find()) {
      out.add(matcher.group());
    }
    return out;
  }

  private static @Nullable String first(String @Nullable [] values) {
    return values == null || values.length == 0 || values[0].isBlank() ? null : values[0].strip();
  }

  /** A multipart cut off before its closing boundary. */
  private static final class TruncatedException extends IOException {
    TruncatedException(String message) {
      super(message);
    }
  }

}
