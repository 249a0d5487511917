package org.switchboard.crm.api;

/**
 * An external CRM could not answer: down, too slow, refused the credentials or sent something that
 * is not a customer. The contact goes on without that CRM's data.
 *
 * @since 1.1
 */
public class CrmUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  public CrmUnavailableException(String message) {
    super(message);
  }

  public CrmUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
