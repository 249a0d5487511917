package org.switchboard.core.impl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.switchboard.core.api.event.EventTypes;
import org.switchboard.core.api.event.SwitchboardEvent;
import org.switchboard.platform.broker.BrokerMessage;

/** Turns stored events into CloudEvents 1.0 structured-mode JSON broker messages. */
final class CloudEvents {
  static final String CONTENT_TYPE = "application/cloudevents+json";

  private CloudEvents() {}

  static BrokerMessage message(SwitchboardEvent event) {
    ObjectNode ce = Json.object();
    ce.put("specversion", "1.0");
    ce.put("id", event.id());
    ce.put("source", EventTypes.SOURCE);
    ce.put("type", event.type());
    ce.put("subject", event.subject());
    ce.put("time", event.time().toString());
    ce.put("datacontenttype", "application/json");
    ce.put("sequence", event.sequence());
    try {
      ce.set("data", Json.MAPPER.readTree(event.data()));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return new BrokerMessage(
        Json.write(ce).getBytes(StandardCharsets.UTF_8),
        CONTENT_TYPE,
        Map.of("ce_type", event.type(), "ce_subject", event.subject(), "ce_id", event.id()));
  }
}
