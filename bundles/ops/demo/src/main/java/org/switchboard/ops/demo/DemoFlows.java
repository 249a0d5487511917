package org.switchboard.ops.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.flow.api.FlowService;
import org.switchboard.flow.api.FlowValidationException;

/**
 * Demo mode with the flow engine installed: the demo IVR {@code demo-ivr} (a spoken menu leading to
 * the demo queues; number 200, see {@link DemoPhones}) is deployed unless a flow of that id exists,
 * so an admin's edits survive restarts.
 */
@Component(immediate = true)
public class DemoFlows {
  static final String FLOW_ID = "demo-ivr";
  private static final Logger LOG = LoggerFactory.getLogger(DemoFlows.class);

  @Activate
  public DemoFlows(@Reference DemoSeeder seeded, @Reference FlowService flows) {
    if (!DemoMode.isOn() || flows.flow(FLOW_ID).isPresent()) {
      return;
    }
    try (InputStream in = DemoFlows.class.getResourceAsStream("demo-ivr.yaml")) {
      flows.deploy(FLOW_ID, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      LOG.info("demo mode: IVR flow {} deployed (number 200)", FLOW_ID);
    } catch (IOException | FlowValidationException | RuntimeException e) {
      LOG.warn("demo mode: the demo IVR could not be deployed: {}", e.getMessage());
    }
  }
}
