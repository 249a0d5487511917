package org.switchboard.integration.erp;

import java.util.Optional;

/** What an integration sends for one event (a CloudEvent's JSON); empty skips the event. */
@FunctionalInterface
interface Payload {
  Optional<Outgoing> of(String event) throws Exception;
}
