package org.switchboard.ops.webconsole;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import org.apache.karaf.kar.KarService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.switchboard.core.api.ValidationException;

/**
 * The "Plugins" page of the web console ({@code /system/console/switchboard-plugins}): the channels
 * and the plugin bundles (Switchboard's and partners') with their state, what they provide and
 * their health; admins start, stop, update (the hot swap) and restart them, install a partner's KAR
 * from a file and uninstall KARs.
 *
 * <p>Reads: {@code plugins.json}, {@code health.json}, {@code kars.json}. Changes: {@code
 * start|stop|update|restart.json} with {@code {"id": <bundle id>}}, {@code install.json} with the
 * KAR's bytes as the body ({@code application/octet-stream}, name in {@code X-File-Name}), {@code
 * uninstall.json} with {@code {"name": <kar>}}. Each change is written to the audit log.
 */
@Component(
    service = Servlet.class,
    property = {
      "felix.webconsole.label=" + PluginsConsolePlugin.LABEL,
      "felix.webconsole.title=Plugins",
      "felix.webconsole.category=Switchboard"
    })
public class PluginsConsolePlugin extends SwitchboardPage {
  static final String LABEL = "switchboard-plugins";
  static final String FILE_NAME_HEADER = "X-File-Name";
  private static final long serialVersionUID = 1L;

  private final transient PluginBundles bundles;
  private final transient PluginHealth health;
  private final transient PluginCatalog catalog = new PluginCatalog();
  private final transient KarArchives kars;
  private final transient Path uploads;
  private final long uploadLimit;

  /** Karaf's KAR service; absent while the {@code kar} feature does not run. */
  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  transient volatile KarService karService;

  @Activate
  public PluginsConsolePlugin(BundleContext context) {
    this(context, KarUpload.LIMIT);
  }

  PluginsConsolePlugin(BundleContext context, long uploadLimit) {
    super(LABEL, "Plugins", "plugins.html");
    this.bundles = new PluginBundles(context);
    this.health = new PluginHealth(context);
    this.kars = new KarArchives(() -> karService);
    String data = context.getProperty("karaf.data");
    this.uploads =
        Path.of(data != null ? data : System.getProperty("java.io.tmpdir"), "tmp", "switchboard");
    this.uploadLimit = uploadLimit;
  }

  @Override
  Map<String, Read> reads() {
    return Map.of(
        "plugins", req -> catalog.rows(bundles.all(), bundles.consoleId()),
        "health", req -> health(),
        "kars", req -> karList());
  }

  @Override
  Map<String, Change> changes() {
    Map<String, Change> changes = new HashMap<>();
    for (PluginRules.Action action : PluginRules.Action.values()) {
      changes.put(action.id(), post -> change(action, post));
    }
    changes.put("install", this::install);
    changes.put("uninstall", this::uninstall);
    return changes;
  }

  /** Starts, stops, updates or restarts a plugin bundle; answers its row afterwards. */
  private Object change(PluginRules.Action action, Posted post) throws IOException {
    long id = bundleId(post.json());
    PluginBundle before = bundles.find(id);
    PluginRules.check(action, before, catalog.origin(before).orElse(null), bundles.consoleId());
    PluginBundle after = bundles.apply(action, id);
    String details = "bundle=" + before.label();
    if (action == PluginRules.Action.UPDATE) {
      details += " from=" + before.version() + " to=" + after.version();
    }
    audit(post.user(), "plugin." + action.id(), details);
    PluginCatalog.Origin origin = catalog.origin(after).orElse(PluginCatalog.Origin.PARTNER);
    return catalog.row(after, origin, bundles.consoleId());
  }

  private static long bundleId(JsonNode body) {
    JsonNode id = body.path("id");
    String text = id.asText("").trim();
    if (!(id.isIntegralNumber() || text.matches("\\d{1,18}"))) {
      throw new ValidationException("id", "the bundle id is required, e.g. {\"id\": 57}");
    }
    return id.isIntegralNumber() ? id.asLong() : Long.parseLong(text);
  }

  /** Receives a KAR upload, has Karaf install it, and answers the bundles it added. */
  private Object install(Posted post) throws IOException {
    HttpServletRequest req = post.request();
    kars.requireAvailable();
    Set<Long> before = bundles.ids();
    String name;
    try (KarUpload upload =
        KarUpload.receive(
            req.getHeader(FILE_NAME_HEADER),
            req.getContentLengthLong(),
            req.getInputStream(),
            uploads,
            uploadLimit)) {
      name = upload.name();
      kars.install(upload);
    }
    audit(post.user(), "kar.install", "kar=" + name);
    List<PluginCatalog.Row> added =
        catalog.rows(
            bundles.all().stream().filter(b -> !before.contains(b.id())).toList(),
            bundles.consoleId());
    return new Answer(201, new Installed(name, kars.list().contains(name), added));
  }

  /**
   * A KAR installed from the page.
   *
   * @param kar its name
   * @param listed whether Karaf lists it now
   * @param plugins the plugin bundles it added (none when its features were already installed, or
   *     when Karaf postponed them until their dependencies arrive: see the log)
   */
  record Installed(String kar, boolean listed, List<PluginCatalog.Row> plugins) {}

  private Object uninstall(Posted post) throws IOException {
    String name = post.text("name");
    kars.uninstall(name);
    audit(post.user(), "kar.uninstall", "kar=" + name);
    return Map.of("uninstalled", name);
  }

  private Map<String, Object> karList() {
    boolean available = kars.available();
    return Map.of(
        "available",
        available,
        "kars",
        available ? kars.list() : List.of(),
        "limit",
        uploadLimit,
        "limitText",
        KarUpload.size(uploadLimit));
  }

  private Map<String, Object> health() {
    PluginHealth.Checked checked = health.check();
    return Map.of(
        "components", checked.components(),
        "channels", PluginCatalog.channels(bundles.all(), checked.channelStates()));
  }
}
