package io.customergraph.graph;

/** Value types shared by the records of the customer graph. */
public final class Values {
  private Values() {}

  /** Where an account stands with us. */
  public enum AccountStatus { PROSPECT, CUSTOMER, CHURNED }

  /** Sales stages, in order; WON and LOST close a deal. */
  public enum DealStage {
    PROSPECTING, ENGAGING, PROPOSAL, NEGOTIATION, WON, LOST;

    /** The outcome a deal in this stage has. */
    public DealOutcome outcome() {
      return switch (this) {
        case WON -> DealOutcome.WON;
        case LOST -> DealOutcome.LOST;
        default -> DealOutcome.OPEN;
      };
    }
  }

  /** Whether a deal is still open, won or lost. */
  public enum DealOutcome { OPEN, WON, LOST }

  /** Who started an email or a call. */
  public enum Direction { INBOUND, OUTBOUND }

  /** Help-desk ticket status. */
  public enum TicketStatus { OPEN, PENDING, SOLVED, CLOSED }

  /** Help-desk ticket priority. */
  public enum TicketPriority { LOW, NORMAL, HIGH, URGENT }

  /** Invoice status; OVERDUE is derived at read time from the due date. */
  public enum InvoiceStatus { OPEN, OVERDUE, PAID, DISPUTED }

  /** Behavioural events. */
  public enum ActivityType { EMAIL_OPENED, LINK_CLICKED, PAGE_VIEWED, CONTENT_DOWNLOADED, FORM_SUBMITTED }
}
