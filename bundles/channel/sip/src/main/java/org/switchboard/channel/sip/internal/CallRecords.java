package org.switchboard.channel.sip.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.switchboard.core.api.interaction.LegRecord;

/**
 * The detail records (CDRs) of a call that is over: the customer's leg, every agent leg and every
 * supervisor leg.
 */
final class CallRecords {
  private CallRecords() {}

  static List<LegRecord> of(Call call, Instant now) {
    List<LegRecord> records = new ArrayList<>();
    records.add(customer(call, now));
    for (Call.AgentLeg leg : call.allLegs) {
      if (records.size() == 100) {
        break;
      }
      records.add(invited("agent", leg.agentId, leg, call, now));
    }
    for (Call.MonitorLeg leg : call.monitorLegs) {
      if (records.size() == 100) {
        break;
      }
      records.add(invited("supervisor", leg.supervisorId, leg, call, now));
    }
    return records;
  }

  /** A leg we called: one of an agent's phones, or a supervisor's. */
  private static LegRecord invited(
      String role, String party, Call.InviteLeg leg, Call call, Instant now) {
    return new LegRecord(
        role,
        party,
        leg.contact,
        leg.callId,
        leg.startedAt,
        leg.answeredAt,
        leg.endedAt != null ? leg.endedAt : now,
        outcome(leg),
        leg.endedBy != null ? leg.endedBy : leg.answeredAt != null ? call.endedBy : null);
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
