package org.switchboard.crm.api;

import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The built-in CRM's customers. Every identity belongs to at most one customer; looking a customer
 * up by identity is served from memory after the first time.
 */
@ProviderType
public interface CustomerService {

  /**
   * The identity as the CRM keeps it: phone numbers in E.164 (numbers without a country code are
   * read in the configured default region), emails trimmed and in lower case, other kinds trimmed.
   *
   * @throws org.switchboard.core.api.ValidationException when the value is not a phone number or
   *     email address of that kind
   */
  Identity normalize(IdentityKind kind, String value);

  /**
   * Creates a customer; identities are normalised.
   *
   * @throws org.switchboard.core.api.ConflictException when an identity already belongs to another
   *     customer
   */
  Customer create(CustomerDraft draft);

  /**
   * Replaces a customer's data.
   *
   * @param version the version read; 0 overwrites whatever is there
   * @throws org.switchboard.core.api.NotFoundException when there is no such customer
   * @throws org.switchboard.core.api.ConflictException when the version is stale or an identity
   *     belongs to another customer
   */
  Customer update(String id, long version, CustomerDraft draft);

  Optional<Customer> find(String id);

  /** The customer an identity belongs to (normalised first), if any. */
  Optional<Customer> findByIdentity(Identity identity);

  /** Customers whose name contains {@code text} (any case), by name; at most {@code limit}. */
  List<Customer> search(String text, int limit);

  /**
   * Merges a duplicate into a customer: its identities, tags and consents (the survivor's win on a
   * conflict) move over, the higher priority stays, and the duplicate is deleted.
   *
   * @return the survivor as it is now
   * @throws org.switchboard.core.api.NotFoundException when either does not exist
   * @throws org.switchboard.core.api.ValidationException when both are the same
   */
  Customer merge(String survivorId, String duplicateId);

  /**
   * Adds a note about a customer; merges move notes to the survivor, deleting the customer deletes
   * them.
   *
   * @param author the user writing it
   * @param text 1 to {@value CustomerNote#MAX_LENGTH} characters, trimmed
   * @param interactionId the interaction it is written during, or null
   * @throws org.switchboard.core.api.NotFoundException when there is no such customer
   * @throws org.switchboard.core.api.ValidationException when the text is blank or too long
   * @since 1.2
   */
  CustomerNote addNote(String customerId, String author, String text, String interactionId);

  /**
   * A customer's notes, newest first, at most {@code limit}.
   *
   * @since 1.2
   */
  List<CustomerNote> notes(String customerId, int limit);

  /** Deletes a customer, their identities and notes. */
  void delete(String id);

  /**
   * Reads customers from CSV (a header row with {@code name}, and any of {@code tier}, {@code
   * priority}, {@code tags}, {@code phone}, {@code email}, {@code chat}, {@code social}; several
   * values in one cell separated by {@code |}). A row whose identity is known updates that
   * customer; other rows create one. A row that cannot be applied is reported and skipped.
   *
   * @throws org.switchboard.core.api.ValidationException when the header has no {@code name} column
   *     or an unknown column
   */
  ImportReport importCsv(Reader csv) throws IOException;

  /**
   * Creates or updates customers as another system (an ERP, a CRM export) sends them, the way
   * {@link #importCsv} applies rows: a record with an identity that belongs to a customer updates
   * that customer (name, tier, priority and tags replaced, identities added, consents merged with
   * the record's winning); any other record creates one. A record that cannot be applied is
   * reported, its position (1 for the first) as the line, and changes nothing; the others are
   * applied.
   *
   * @since 1.2
   */
  ImportReport sync(List<CustomerDraft> records);

  /** Writes every customer as CSV in the columns {@link #importCsv} reads. */
  void exportCsv(Appendable out) throws IOException;
}
