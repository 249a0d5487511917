package org.switchboard.channel.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.switchboard.acd.api.AcdService;

/**
 * While the ACD routes later than {@code maxRoutingLagMillis} (the machine past its capacity), a
 * new call is turned away with {@code 503} and {@code Retry-After} before anything is opened for
 * it; once routing has caught up, calls are taken again.
 */
class RoutingOverloadTest {
  private final AtomicReference<Duration> lag = new AtomicReference<>(Duration.ofSeconds(5));

  @Test
  void aNewCallWhileRoutingIsLateGets503AndOpensNothingThenCallsAreTakenAgain() throws Exception {
    FakeCore core = new FakeCore();
    try (TestSip sip = new TestSip(1_000_000, 1_000_000);
        DatagramSocket caller = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      sip.endpoint.initialize(core);
      sip.endpoint.setAcd(lateRouter());
      caller.setSoTimeout(1000);

      String answer = CallerRequests.finalAnswer(caller, sip.port, "late-1");

      assertThat(answer)
          .startsWith("SIP/2.0 503")
          .contains("Retry-After: " + CallLegs.RETRY_SECONDS);
      assertThat(core.interactions).as("no interaction opened").isEmpty();
      assertThat(sip.endpoint.check().metrics())
          .containsEntry("overloadRefusals", 1L)
          .containsEntry("routingLagMs", 5000L);

      lag.set(Duration.ofMillis(1500)); // within maxRoutingLagMillis (2000)
      String taken =
          CallerRequests.answer(
              caller, sip.port, "late-2", reply -> reply.startsWith("SIP/2.0 180"));

      assertThat(taken).as("rings once routing caught up").startsWith("SIP/2.0 180");
      assertThat(core.interactions).as("the call once routing caught up").hasSize(1);
      assertThat(sip.endpoint.check().metrics()).containsEntry("overloadRefusals", 1L);
    }
  }

  /** An ACD whose routing lag is {@link #lag}; nothing else is asked of it here. */
  private AcdService lateRouter() {
    return (AcdService)
        java.lang.reflect.Proxy.newProxyInstance(
            AcdService.class.getClassLoader(),
            new Class<?>[] {AcdService.class},
            (proxy, method, args) -> {
              if (method.getName().equals("routingLag")) {
                return lag.get();
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
