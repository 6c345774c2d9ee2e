package io.customergraph.ingest;

import io.customergraph.ingest.Facts.Company;
import io.customergraph.ingest.Facts.Person;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Invoices: UBL 2.1 {@code Invoice} and {@code CreditNote} XML (read with the JDK's XML parser, namespaces on,
 * DTDs and external entities off), or CSV/JSON rows. Payment terms default to 30 days when a document has no due
 * date; the key is invoice number plus seller, as invoice numbers are only unique per seller.
 */
final class InvoiceParser {

  static final String UBL_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
  static final String UBL_CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
  static final String CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
  static final String CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
  /** Usual payment term when a document states none. */
  private static final int DEFAULT_TERM_DAYS = 30;

  private final IngestProperties properties;
  private final TabularParsers tabular;

  InvoiceParser(IngestProperties properties, TabularParsers tabular) {
    this.properties = properties;
    this.tabular = tabular;
  }

  ParseResult parse(RawRecord raw) {
    String head = raw.text().stripLeading();
    if (head.startsWith("<")) {
      return ubl(raw);
    }
    return row(raw);
  }

  private ParseResult row(RawRecord raw) {
    try {
      Row r = Row.of(raw);
      String number = r.require("invoice number", "number", "invoice_number", "id");
      String seller = r.get("seller", "supplier");
      String buyerName = r.get("buyer", "customer", "account");
      String buyerEmail = Normalize.email(r.get("buyer_email", "email", "contact_email"));
      String buyerDomain = Normalize.domain(r.get("buyer_domain", "domain"));
      if (buyerDomain == null) {
        buyerDomain = Normalize.companyDomain(buyerEmail);
      }
      Company buyer = new Company(buyerName, buyerDomain, r.get("buyer_vat", "buyer_vat_id"));
      if (!buyer.identifiable()) {
        throw new Row.Unreadable("missing buyer: give buyer, buyer_domain, buyer_email or buyer_vat");
      }
      Double amount = r.number("amount", "amount", "total", "payable_amount");
      if (amount == null) {
        throw new Row.Unreadable("missing amount (looked for column amount / total / payable_amount)");
      }
      OffsetDateTime issued = r.requireTime("issue date", "issued_at", "issue_date", "date");
      OffsetDateTime due = r.time("due date", "due_at", "due_date");
      Facts.Invoice inv = new Facts.Invoice(
          number, "credit_note".equalsIgnoreCase(r.get("type")) || "creditnote".equalsIgnoreCase(r.get("type")),
          new Company(seller == null ? "unknown seller" : seller, null, r.get("seller_vat")), buyer,
          buyerEmail == null ? null : new Person(r.get("buyer_contact"), buyerEmail, null, null, buyer),
          amount, r.number("tax amount", "tax", "tax_amount"), r.get("currency") == null ? "USD" : r.get("currency").toUpperCase(Locale.ROOT),
          issued, due != null ? due : issued.plusDays(DEFAULT_TERM_DAYS), r.integer("lines", "lines") == null ? 0 : r.integer("lines", "lines"),
          r.time("payment time", "paid_at"));
      return ParseResult.parsed((inv.creditNote() ? "creditnote:" : "invoice:") + number + "|seller:" + Normalize.companyKey(inv.seller().name()), inv);
    } catch (Row.Unreadable e) {
      return ParseResult.failed(e.getMessage());
    }
  }

  private ParseResult ubl(RawRecord raw) {
    Document doc;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      doc = b.parse(new ByteArrayInputStream(raw.payload()));
    } catch (Exception e) {
      return ParseResult.failed("not well-formed XML: " + e.getMessage());
    }
    Element root = doc.getDocumentElement();
    boolean credit = UBL_CREDIT_NOTE.equals(root.getNamespaceURI()) && "CreditNote".equals(root.getLocalName());
    boolean invoice = UBL_INVOICE.equals(root.getNamespaceURI()) && "Invoice".equals(root.getLocalName());
    if (!credit && !invoice) {
      return ParseResult.failed(
          "not a UBL 2.1 Invoice or CreditNote: root element is " + root.getLocalName() + " in namespace " + root.getNamespaceURI());
    }
    String what = credit ? "CreditNote" : "Invoice";
    List<String> missing = new ArrayList<>();
    String number = text(child(root, CBC, "ID"));
    String issue = text(child(root, CBC, "IssueDate"));
    String currency = text(child(root, CBC, "DocumentCurrencyCode"));
    Element supplier = child(child(root, CAC, "AccountingSupplierParty"), CAC, "Party");
    Element customer = child(child(root, CAC, "AccountingCustomerParty"), CAC, "Party");
    String payable = text(child(child(root, CAC, "LegalMonetaryTotal"), CBC, "PayableAmount"));
    if (number == null) missing.add("cbc:ID");
    if (issue == null) missing.add("cbc:IssueDate");
    if (currency == null) missing.add("cbc:DocumentCurrencyCode");
    if (supplier == null) missing.add("cac:AccountingSupplierParty/cac:Party");
    if (customer == null) missing.add("cac:AccountingCustomerParty/cac:Party");
    if (payable == null) missing.add("cac:LegalMonetaryTotal/cbc:PayableAmount");
    if (!missing.isEmpty()) {
      return ParseResult.failed("UBL " + what + " is missing mandatory " + String.join(", ", missing));
    }
    OffsetDateTime issued;
    double amount;
    try {
      issued = LocalDate.parse(issue).atStartOfDay().atOffset(ZoneOffset.UTC);
      amount = Double.parseDouble(payable);
    } catch (DateTimeParseException | NumberFormatException e) {
      return ParseResult.failed("UBL " + what + " has an unreadable IssueDate or PayableAmount: " + e.getMessage());
    }
    String dueText = text(child(root, CBC, "DueDate"));
    if (dueText == null) {
      dueText = text(child(child(root, CAC, "PaymentMeans"), CBC, "PaymentDueDate"));
    }
    OffsetDateTime due = dueText == null ? issued.plusDays(DEFAULT_TERM_DAYS) : LocalDate.parse(dueText).atStartOfDay().atOffset(ZoneOffset.UTC);
    String tax = text(child(child(root, CAC, "TaxTotal"), CBC, "TaxAmount"));
    Company seller = party(supplier);
    Company buyer = party(customer);
    String buyerEmail = Normalize.email(text(child(child(customer, CAC, "Contact"), CBC, "ElectronicMail")));
    if (buyer.domain() == null && Normalize.companyDomain(buyerEmail) != null) {
      buyer = new Company(buyer.name(), Normalize.companyDomain(buyerEmail), buyer.vatId());
    }
    String contactName = text(child(child(customer, CAC, "Contact"), CBC, "Name"));
    Person contact = buyerEmail == null ? null
        : new Person(contactName, buyerEmail, Normalize.phone(text(child(child(customer, CAC, "Contact"), CBC, "Telephone")), properties.phoneRegion()), null, buyer);
    int lines = root.getElementsByTagNameNS(CAC, credit ? "CreditNoteLine" : "InvoiceLine").getLength();
    Facts.Invoice inv = new Facts.Invoice(number, credit, seller, buyer, contact, amount, tax == null ? null : Double.valueOf(tax),
        currency.toUpperCase(Locale.ROOT), issued, due, lines, null);
    return ParseResult.parsed((credit ? "creditnote:" : "invoice:") + number + "|seller:" + Normalize.companyKey(seller.name() != null ? seller.name() : seller.vatId()), inv);
  }

  private static Company party(Element party) {
    String name = text(child(child(party, CAC, "PartyName"), CBC, "Name"));
    if (name == null) {
      name = text(child(child(party, CAC, "PartyLegalEntity"), CBC, "RegistrationName"));
    }
    String vat = text(child(child(party, CAC, "PartyTaxScheme"), CBC, "CompanyID"));
    String email = Normalize.email(text(child(child(party, CAC, "Contact"), CBC, "ElectronicMail")));
    return new Company(name, Normalize.companyDomain(email), vat);
  }

  /** The first direct child element with this namespace and local name. */
  private static @Nullable Element child(@Nullable Element parent, String ns, String local) {
    if (parent == null) {
      return null;
    }
    NodeList children = parent.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node n = children.item(i);
      if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
        return e;
      }
    }
    return null;
  }

  private static @Nullable String text(@Nullable Element e) {
    if (e == null) {
      return null;
    }
    String t = e.getTextContent().strip();
    return t.isEmpty() ? null : t;
  }
}
