package org.switchboard.integration.erp;

import java.util.Map;

/**
 * One HTTP request an integration sends for an event.
 *
 * @param body the JSON body
 * @param headers extra headers (e.g. {@code Idempotency-Key})
 */
record Outgoing(String body, Map<String, String> headers) {
  Outgoing {
    headers = Map.copyOf(headers);
  }
}
