package org.switchboard.channel.sip.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.switchboard.core.api.interaction.LegRecord;

/** The detail records (CDRs) of a call that is over: the customer's leg and every agent leg. */
final class CallRecords {
  private CallRecords() {}

  static List<LegRecord> of(Call call, Instant now) {
    List<LegRecord> records = new ArrayList<>();
    records.add(customer(call, now));
    for (Call.AgentLeg leg : call.allLegs) {
      if (records.size() == 100) {
        break;
      }
      records.add(
          new LegRecord(
              "agent",
              leg.agentId,
              leg.contact,
              leg.callId,
              leg.startedAt,
              leg.answeredAt,
              leg.endedAt != null ? leg.endedAt : now,
              outcome(leg),
              leg.endedBy != null ? leg.endedBy : leg.answeredAt != null ? call.endedBy : null));
    }
    return records;
  }

  private static LegRecord customer(Call call, Instant now) {
    Call.InviteLeg out = call.customerLeg;
    if (out != null) {
      return new LegRecord(
          "customer",
          call.customerUser,
          out.contact,
          out.callId,
          out.startedAt,
          out.answeredAt,
          out.endedAt != null ? out.endedAt : now,
          outcome(out),
          call.endedBy);
    }
    return new LegRecord(
        "customer",
        call.customerUser,
        call.invite == null ? null : call.invite.getRequestURI().toString(),
        call.customerCallId,
        call.arrivedAt,
        call.customerAnsweredAt,
        now,
        call.customerOutcome != null ? call.customerOutcome : "no final response",
        call.endedBy);
  }

  private static String outcome(Call.InviteLeg leg) {
    if (leg.outcome != null) {
      return leg.outcome;
    }
    return leg.cancelled ? "cancelled before a final response" : "no final response";
  }
}
