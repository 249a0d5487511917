package org.switchboard.channel.sip.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registered phones that did not answer an INVITE at all (no response until Timer B): a phone
 * unplugged or off the network without unregistering. They are left out of the next offers, so a
 * busy or declining phone of the same agent ends the offer at once instead of at the ring timeout,
 * until the phone registers again (a new REGISTER CSeq) and so shows it is back.
 */
final class SilentPhones {
  /** More marks than this and all are dropped: a guard, not a record. */
  static final int MAX_MARKS = 50_000;

  private final Map<String, Long> marks = new ConcurrentHashMap<>();

  /** The phone at {@code contact}, registered with REGISTER CSeq {@code cseq}, stayed silent. */
  void silent(String agentId, String contact, long cseq) {
    if (marks.size() >= MAX_MARKS) {
      marks.clear();
    }
    marks.put(key(agentId, contact), cseq);
  }

  /** The phones worth ringing: all but the silent ones, or all when every one is silent. */
  List<SipStore.Binding> worthRinging(String agentId, List<SipStore.Binding> phones) {
    List<SipStore.Binding> awake = phones.stream().filter(p -> !isSilent(agentId, p)).toList();
    return awake.isEmpty() ? phones : awake;
  }

  private boolean isSilent(String agentId, SipStore.Binding phone) {
    Long cseq = marks.get(key(agentId, phone.registration().contact()));
    if (cseq == null) {
      return false;
    }
    if (phone.cseq() != cseq) {
      marks.remove(key(agentId, phone.registration().contact()), cseq); // registered again
      return false;
    }
    return true;
  }

  private static String key(String agentId, String contact) {
    return agentId + ' ' + contact;
  }
}
