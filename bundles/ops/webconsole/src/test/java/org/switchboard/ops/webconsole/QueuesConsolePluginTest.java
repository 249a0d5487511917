package org.switchboard.ops.webconsole;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Queues page, and through it what every page shares: reads, changes, refusals. */
class QueuesConsolePluginTest {
  private static final String BASE = "/" + QueuesConsolePlugin.LABEL;
  private final InMemoryQueues queues = new InMemoryQueues();
  private QueuesConsolePlugin page;

  @BeforeEach
  void page() {
    page = new QueuesConsolePlugin(queues);
  }

  private JsonNode json(ConsoleExchange x) throws Exception {
    return SwitchboardPage.JSON.readTree(x.text());
  }

  private ConsoleExchange create(String body) throws Exception {
    return ConsoleExchange.post(BASE + "/create.json", body).postTo(page);
  }

  @Test
  void theBarePathIsThePageAndDataFilesAreJson() throws Exception {
    ConsoleExchange html = ConsoleExchange.get(BASE).getFrom(page);
    assertThat(html.text()).contains("id=\"switchboard-queues\"");
    create("{\"id\":\"sales\",\"channels\":[\"voice\"]}");
    ConsoleExchange list = ConsoleExchange.get(BASE + "/queues.json").getFrom(page);
    assertThat(list.contentType).isEqualTo("application/json");
    assertThat(json(list).get(0).path("id").asText()).isEqualTo("sales");
    assertThat(ConsoleExchange.get(BASE + "/nothing.json").getFrom(page).status).isEqualTo(404);
  }

  @Test
  void aQueueIsCreatedWithEverySettingTheFormHas() throws Exception {
    ConsoleExchange x =
        create(
            "{\"id\":\"billing\",\"name\":\"Billing\",\"channels\":[\"voice\",\"chat\"],"
                + "\"requiredSkills\":\"billing:3, english:1\",\"priority\":\"70\","
                + "\"serviceLevelSeconds\":\"30\",\"serviceLevelTarget\":\"90\","
                + "\"maxWaitSeconds\":\"600\",\"overflowQueue\":\"support\"}");
    assertThat(x.status).isEqualTo(201);
    var q = queues.find("billing").orElseThrow();
    assertThat(q.requiredSkills()).hasSize(2);
    assertThat(q.requiredSkills().get(0).minimumLevel()).isEqualTo(3);
    assertThat(q.priority()).isEqualTo(70);
    assertThat(q.serviceLevelThreshold()).isEqualTo(Duration.ofSeconds(30));
    assertThat(q.maxWait()).isEqualTo(Duration.ofSeconds(600));
    assertThat(q.overflowQueue()).isEqualTo("support");
    assertThat(json(x).path("requiredSkills").asText()).isEqualTo("billing:3, english:1");
  }

  @Test
  void anEditChangesTheQueueInPlaceUnlessSomeoneChangedItFirst() throws Exception {
    create("{\"id\":\"sales\",\"channels\":[\"voice\"]}");
    long version = queues.find("sales").orElseThrow().version();
    String edit =
        "{\"id\":\"sales\",\"name\":\"Sales\",\"channels\":[\"chat\"],\"priority\":\"10\","
            + "\"version\":"
            + version
            + "}";
    ConsoleExchange saved = ConsoleExchange.post(BASE + "/update.json", edit).postTo(page);
    assertThat(saved.status).isEqualTo(200);
    assertThat(queues.find("sales").orElseThrow().priority()).isEqualTo(10);
    ConsoleExchange stale = ConsoleExchange.post(BASE + "/update.json", edit).postTo(page);
    assertThat(stale.status).isEqualTo(409);
    assertThat(json(stale).path("message").asText()).contains("changed by someone else");
  }

  @Test
  void badInputIsRefusedWithItsReasonAndNothingIsStored() throws Exception {
    ConsoleExchange priority =
        create("{\"id\":\"x\",\"channels\":[\"voice\"],\"priority\":\"high\"}");
    assertThat(priority.status).isEqualTo(400);
    assertThat(json(priority).path("message").asText()).contains("priority").contains("high");
    ConsoleExchange skills =
        create("{\"id\":\"x\",\"channels\":[\"voice\"],\"requiredSkills\":\"billing\"}");
    assertThat(skills.status).isEqualTo(400);
    assertThat(json(skills).path("message").asText()).contains("name:level");
    assertThat(create("{\"id\":\"x\",\"channels\":[]}").status).isEqualTo(400);
    assertThat(create("{not json").status).isEqualTo(400);
    assertThat(create("{\"id\":\"x\",\"channels\":[\"voice\"],\"overflowQueue\":\"x\"}").status)
        .isEqualTo(400);
    assertThat(queues.list()).isEmpty();
  }

  @Test
  void changesWithoutTheConsoleHeaderOrToUnknownActionsAreRefused() throws Exception {
    ConsoleExchange foreign =
        ConsoleExchange.post(BASE + "/create.json", "{\"id\":\"x\",\"channels\":[\"voice\"]}");
    foreign.requestHeaders.remove(SwitchboardPage.CSRF_HEADER);
    assertThat(foreign.postTo(page).status).isEqualTo(403);
    assertThat(ConsoleExchange.post(BASE + "/drop.json", "{}").postTo(page).status).isEqualTo(404);
    assertThat(ConsoleExchange.post(BASE + "/delete.json", "{\"id\":\"nope\"}").postTo(page).status)
        .isEqualTo(404);
    assertThat(ConsoleExchange.post(BASE + "/delete.json", "{}").postTo(page).status)
        .isEqualTo(400);
    assertThat(queues.list()).isEmpty();
  }
}
