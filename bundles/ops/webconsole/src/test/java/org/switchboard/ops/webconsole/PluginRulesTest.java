package org.switchboard.ops.webconsole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.switchboard.ops.webconsole.PluginFakes.bundle;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.ops.webconsole.PluginCatalog.Origin;
import org.switchboard.ops.webconsole.PluginRules.Action;

class PluginRulesTest {
  private static final long CONSOLE = 140;

  @Test
  void theFrameworkIsNeverTouched() {
    PluginBundle framework = bundle(0, "org.apache.felix.framework", "ACTIVE");
    for (Action a : Action.values()) {
      assertThat(PluginRules.refusal(a, framework, Origin.SWITCHBOARD, CONSOLE))
          .get()
          .asString()
          .contains("bundle 0 is the OSGi framework");
    }
  }

  @Test
  void nonPluginBundlesAreRefusedWithTheShellCommandToUse() {
    PluginBundle jackson = bundle(33, "com.fasterxml.jackson.core.jackson-databind", "ACTIVE");
    assertThat(PluginRules.refusal(Action.STOP, jackson, null, CONSOLE))
        .get()
        .asString()
        .contains("manages plugins only")
        .contains("bundle:stop 33");
    assertThat(PluginRules.refusal(Action.UPDATE, jackson, null, CONSOLE)).isPresent();
  }

  @Test
  void theConsolesOwnBundleIsNotStoppedUpdatedOrRestarted() {
    PluginBundle own = bundle(CONSOLE, "org.switchboard.ops.webconsole", "ACTIVE");
    for (Action a : List.of(Action.STOP, Action.UPDATE, Action.RESTART)) {
      assertThat(PluginRules.refusal(a, own, Origin.SWITCHBOARD, CONSOLE))
          .get()
          .asString()
          .contains("serves this page")
          .contains("bundle:" + a.id() + " " + CONSOLE);
    }
    assertThat(PluginRules.refusal(Action.START, own, Origin.SWITCHBOARD, CONSOLE)).isEmpty();
    assertThat(PluginRules.offered(own, Origin.SWITCHBOARD, CONSOLE)).isEmpty();
  }

  @Test
  void pluginsMayBeStartedStoppedUpdatedAndRestarted() {
    PluginBundle partner = bundle(90, "com.acme.whatsapp", "ACTIVE");
    PluginBundle core = bundle(12, "org.switchboard.channel.sip", "RESOLVED");
    for (Action a : Action.values()) {
      assertThat(PluginRules.refusal(a, partner, Origin.PARTNER, CONSOLE)).isEmpty();
      assertThat(PluginRules.refusal(a, core, Origin.SWITCHBOARD, CONSOLE)).isEmpty();
    }
    assertThat(PluginRules.offered(partner, Origin.PARTNER, CONSOLE))
        .containsExactly("stop", "update", "restart");
    assertThat(PluginRules.offered(core, Origin.SWITCHBOARD, CONSOLE))
        .containsExactly("start", "update");
  }

  @Test
  void fragmentsAreOnlyUpdated() {
    PluginBundle fragment =
        new PluginBundle(
            91,
            "com.acme.fragment",
            null,
            "1.0.0",
            "RESOLVED",
            "mvn:x",
            Instant.EPOCH,
            true,
            List.of(),
            List.of());
    assertThat(PluginRules.refusal(Action.START, fragment, Origin.PARTNER, CONSOLE))
        .get()
        .asString()
        .contains("is a fragment");
    assertThat(PluginRules.offered(fragment, Origin.PARTNER, CONSOLE)).containsExactly("update");
  }

  @Test
  void uninstalledBundlesAreRefused() {
    PluginBundle gone = bundle(92, "com.acme.gone", "UNINSTALLED");
    assertThat(PluginRules.refusal(Action.START, gone, Origin.PARTNER, CONSOLE))
        .get()
        .asString()
        .contains("has been uninstalled");
  }

  @Test
  void checkThrowsTheRefusalForA409() {
    assertThatThrownBy(
            () ->
                PluginRules.check(
                    Action.STOP, bundle(0, "org.apache.felix.framework", "ACTIVE"), null, CONSOLE))
        .isExactlyInstanceOf(SwitchboardException.class)
        .hasMessageContaining("OSGi framework");
  }
}
