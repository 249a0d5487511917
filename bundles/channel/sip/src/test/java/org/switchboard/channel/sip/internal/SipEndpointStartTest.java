package org.switchboard.channel.sip.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** A configuration that fails activation must not keep the SIP port bound. */
class SipEndpointStartTest {
  @Test
  void aRefusedConfigurationFreesThePortForTheNextActivation() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:sip-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    SipDatabase db =
        new SipDatabase(ds, new org.switchboard.platform.db.internal.FlywaySchemaMigrations());
    int port = TestSip.freeUdpPort();
    SipConfig good = TestSip.config(port, 50, 200);
    SipConfig badRoutes =
        (SipConfig)
            Proxy.newProxyInstance(
                SipConfig.class.getClassLoader(),
                new Class<?>[] {SipConfig.class},
                (proxy, method, args) ->
                    method.getName().equals("routes")
                        ? new String[] {"100=queue:support", "101=queue:no such queue"}
                        : method.invoke(good, args));

    assertThatThrownBy(() -> new SipEndpoint(db, badRoutes))
        .hasMessageContaining("route entry '101=queue:no such queue'");
    SipEndpoint endpoint = new SipEndpoint(db, good); // binds the same port again
    endpoint.stop();
  }
}
