package org.switchboard.ops.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import javax.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.switchboard.core.api.health.Health;
import org.switchboard.core.api.health.HealthIndicator;

class HealthResourceTest {

  private static HealthResource resource(String... required) {
    HealthResource r = new HealthResource();
    r.configure(
        new HealthResource.Config() {
          @Override
          public Class<? extends Annotation> annotationType() {
            return HealthResource.Config.class;
          }

          @Override
          public String[] requiredComponents() {
            return required;
          }
        });
    return r;
  }

  private static HealthIndicator indicator(String name, Health health) {
    return new HealthIndicator() {
      @Override
      public String component() {
        return name;
      }

      @Override
      public Health check() {
        if (health == null) {
          throw new IllegalStateException("boom");
        }
        return health;
      }
    };
  }

  @Test
  void upOnlyWhenEveryRequiredComponentRunsAndIsUp() {
    HealthResource r = resource("db", "core");
    r.addIndicator(indicator("db", Health.up("ok")));
    Response missingCore = r.health();
    assertThat(missingCore.getStatus()).isEqualTo(503);
    HealthResource.HealthReport report = (HealthResource.HealthReport) missingCore.getEntity();
    assertThat(report.status()).isEqualTo(Health.Status.DOWN);
    assertThat(report.components())
        .extracting(HealthResource.ComponentHealth::component)
        .containsExactly("core", "db");

    r.addIndicator(indicator("core", Health.up("ok")));
    assertThat(r.health().getStatus()).isEqualTo(200);
  }

  @Test
  void requiredComponentsMayComeAsOneCommaSeparatedCfgValue() {
    HealthResource r = resource("db, core", "tts");
    r.addIndicator(indicator("db", Health.up("ok")));
    r.addIndicator(indicator("core", Health.up("ok")));
    assertThat(r.health().getStatus()).isEqualTo(503);
    HealthResource.HealthReport report = (HealthResource.HealthReport) r.health().getEntity();
    assertThat(report.components())
        .extracting(HealthResource.ComponentHealth::component)
        .containsExactly("core", "db", "tts");
  }

  @Test
  void anOptionalComponentDownOnlyDegradesTheWhole() {
    HealthResource r = resource("db");
    r.addIndicator(indicator("db", Health.up("ok")));
    r.addIndicator(indicator("tts", Health.down("espeak-ng not installed")));
    Response response = r.health();
    assertThat(response.getStatus()).isEqualTo(200);
    HealthResource.HealthReport report = (HealthResource.HealthReport) response.getEntity();
    assertThat(report.status()).isEqualTo(Health.Status.DEGRADED);
    assertThat(report.components())
        .filteredOn(c -> c.component().equals("tts"))
        .extracting(HealthResource.ComponentHealth::status)
        .containsExactly(Health.Status.DOWN);

    HealthResource strict = resource("db", "tts");
    strict.addIndicator(indicator("db", Health.up("ok")));
    strict.addIndicator(indicator("tts", Health.down("espeak-ng not installed")));
    assertThat(strict.health().getStatus()).isEqualTo(503);
  }

  @Test
  void aFailingCheckCountsAsDown() {
    HealthResource r = resource("db");
    r.addIndicator(indicator("db", null));
    HealthResource.HealthReport report = (HealthResource.HealthReport) r.health().getEntity();
    assertThat(report.status()).isEqualTo(Health.Status.DOWN);
    assertThat(report.components().get(0).detail()).contains("boom");
  }
}
