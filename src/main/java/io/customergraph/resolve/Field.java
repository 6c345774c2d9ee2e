package io.customergraph.resolve;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The fields a record to resolve may have. A CSV's columns are mapped onto these names ({@code --map
 * given_name=firstName}); the graph's contacts and accounts fill them from their properties. Each knows its cleaner.
 */
public enum Field {
  GIVEN_NAME, MIDDLE_NAME, SURNAME, FULL_NAME, EMAIL, PHONE, DOB, STREET_NUMBER, ADDRESS, ADDRESS2, CITY, POSTCODE, STATE,
  NATIONAL_ID, COMPANY, DOMAIN, VAT,
  /**
   * A person's context: the words around their mentions, as a vector ({@link Entry#vector()}), never a string value;
   * compared by cosine ({@link Comparison#context()}).
   */
  CONTEXT;

  /** The name used in column mappings and explanations: {@code given_name}. */
  public String key() {
    return key;
  }

  // Read for every term of every record indexed or searched: made once, not lower-cased each time.
  private final String key = name().toLowerCase(Locale.ROOT);

  /**
   * The field a column or mapping names, accepting the usual spellings of a header — case, spaces, "_", "-" and "."
   * aside ("GivenName", "given name", "givenname", "First Name", "ZIP code") and common synonyms; null when unknown. A
   * voter register's {@code givenname} column was not compared at all (only a warning named it), so its people were
   * resolved by surname and place alone.
   */
  public static @Nullable Field of(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_.\\-]", "");
    return switch (n) {
      case "givenname", "firstname", "given", "forename", "fname", "christianname" -> GIVEN_NAME;
      case "middlename", "middlenames", "middleinitial" -> MIDDLE_NAME;
      case "surname", "lastname", "familyname", "lname" -> SURNAME;
      case "name", "fullname", "personname", "contactname" -> FULL_NAME;
      case "dob", "dateofbirth", "birthdate", "birthday" -> DOB;
      case "city", "suburb", "town", "locality" -> CITY;
      case "postcode", "zip", "zipcode", "postalcode", "postcodezip", "plz" -> POSTCODE;
      case "ssn", "socsecid", "nationalid", "socialsecuritynumber" -> NATIONAL_ID;
      case "address", "address1", "addressline1", "streetaddress", "street" -> ADDRESS;
      case "address2", "addressline2" -> ADDRESS2;
      case "streetnumber", "housenumber" -> STREET_NUMBER;
      case "email", "emailaddress" -> EMAIL;
      case "phone", "telephone", "phonenumber", "mobile" -> PHONE;
      case "company", "companyname", "organisation", "organization", "employer" -> COMPANY;
      case "domain", "website" -> DOMAIN;
      case "vat", "vatid", "vatnumber" -> VAT;
      case "state" -> STATE;
      default -> {
        for (Field f : values()) {
          if (f.key().replace("_", "").equals(n)) {
            yield f;
          }
        }
        yield null;
      }
    };
  }

  /** The value in the form compared and indexed; empty when nothing is left. */
  String clean(@Nullable String raw) {
    if (raw == null || raw.isBlank()) {
      return "";
    }
    return switch (this) {
      case GIVEN_NAME, MIDDLE_NAME, SURNAME -> Names.lookAlikes(Names.foldToken(raw));
      case EMAIL -> raw.strip().toLowerCase(Locale.ROOT).replaceAll("^mailto:|[<>\"']", "");
      case PHONE, DOB -> raw.replaceAll("\\D", "");
      case STREET_NUMBER, POSTCODE, NATIONAL_ID -> Names.fold(raw).replace(" ", "");
      case VAT -> raw.replaceAll("[^\\p{Alnum}]", "").toUpperCase(Locale.ROOT);
      case DOMAIN -> {
        String d = raw.strip().toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "").replaceFirst("^www\\.", "").replaceFirst("[/:?#].*$", "");
        yield d.isEmpty() ? "" : io.customergraph.graph.Organisations.of(d);
      }
      case COMPANY -> Names.company(raw);
      case FULL_NAME, ADDRESS, ADDRESS2, CITY, STATE -> Names.fold(raw);
      case CONTEXT -> "";
    };
  }
}
