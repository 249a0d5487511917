package org.switchboard.channel.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack's TLS settings follow the configured transports however they are written: a typed list
 * (a .config file) or one comma-separated string (a .cfg file, as admins write it).
 */
class SipStackPropertiesTest {
  @TempDir Path dir;

  @Test
  void tlsIsSetUpFromACommaSeparatedTransportList() throws Exception {
    Path store = Files.writeString(dir.resolve("sip.p12"), "key store");
    SipConfig tls = TestSip.config(5060, 50, 200, new TestSip.Tls(5061, store, "secret"));
    SipConfig fromCfg =
        (SipConfig)
            Proxy.newProxyInstance(
                SipConfig.class.getClassLoader(),
                new Class<?>[] {SipConfig.class},
                (proxy, method, args) ->
                    method.getName().equals("transports")
                        ? new String[] {"udp, tcp, tls"}
                        : method.invoke(tls, args));

    Properties p = SipEndpoint.properties(fromCfg);

    assertThat(p.getProperty("javax.net.ssl.keyStore")).isEqualTo(store.toString());
    assertThat(p.getProperty("javax.net.ssl.keyStorePassword")).isEqualTo("secret");
  }

  @Test
  void withoutTlsNoKeyStoreIsSet() {
    Properties p = SipEndpoint.properties(TestSip.config(5060, 50, 200));
    assertThat(p.getProperty("javax.net.ssl.keyStore")).isNull();
  }
}
