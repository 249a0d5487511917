package org.switchboard.ops.webconsole;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which installed bundles are plugins, and how the Plugins page shows them. A plugin bundle is a
 * Switchboard bundle (symbolic name {@code org.switchboard.*}) or a partner plugin: a bundle that
 * registers, or declares, a service of one of the {@link PluginSpi} interfaces.
 *
 * <p>A stopped bundle registers nothing, so a partner plugin seen once stays a plugin for the life
 * of this catalog: the page can start again what it stopped. Thread-safe.
 */
final class PluginCatalog {
  static final String SWITCHBOARD_PREFIX = "org.switchboard.";

  /** Where a plugin bundle comes from. */
  enum Origin {
    /** Part of Switchboard. */
    SWITCHBOARD,
    /** A partner's plugin. */
    PARTNER
  }

  /**
   * One thing a plugin provides.
   *
   * @param kind {@code channel}, {@code crm}, {@code report}, {@code data-dip}, {@code
   *     customer-resolver} or {@code health}
   * @param name the service's name (e.g. {@code voice}), null when it has none
   * @param label as the page shows it in English: {@code channel: voice}, or the interface's simple
   *     name (e.g. {@code CustomerResolver}) when unnamed
   */
  record Provided(String kind, String name, String label) {}

  /** A plugin bundle as the page lists it. */
  record Row(
      long id,
      String symbolicName,
      String name,
      String version,
      String state,
      String origin,
      List<Provided> provides,
      String location,
      Instant lastModified,
      boolean fragment,
      boolean console,
      List<String> actions,
      String note) {}

  /** A channel plugin, with the state the core reports for its channel. */
  record Channel(String channel, String state, long bundleId, String symbolicName) {}

  private final Set<Long> partners = ConcurrentHashMap.newKeySet();

  /** The bundle's origin, empty when it is not a plugin bundle. */
  Optional<Origin> origin(PluginBundle bundle) {
    if (bundle.id() == 0) {
      return Optional.empty();
    }
    String sn = bundle.symbolicName();
    if (sn != null && sn.startsWith(SWITCHBOARD_PREFIX)) {
      return Optional.of(Origin.SWITCHBOARD);
    }
    if (!provides(bundle).isEmpty() || declaresSpi(bundle)) {
      partners.add(bundle.id());
      return Optional.of(Origin.PARTNER);
    }
    return partners.contains(bundle.id()) ? Optional.of(Origin.PARTNER) : Optional.empty();
  }

  /** The plugin bundles among {@code bundles}: partners first, then by symbolic name. */
  List<Row> rows(List<PluginBundle> bundles, long consoleId) {
    List<Row> rows = new ArrayList<>();
    for (PluginBundle b : bundles) {
      origin(b).ifPresent(o -> rows.add(row(b, o, consoleId)));
    }
    rows.sort(
        Comparator.comparing((Row r) -> !Origin.PARTNER.name().equals(r.origin()))
            .thenComparing(r -> String.valueOf(r.symbolicName()))
            .thenComparingLong(Row::id));
    return rows;
  }

  Row row(PluginBundle b, Origin origin, long consoleId) {
    List<Provided> provides = provides(b);
    if (provides.isEmpty()) {
      provides = declared(b);
    }
    return new Row(
        b.id(),
        b.symbolicName(),
        b.name(),
        b.version(),
        b.state(),
        origin.name().toLowerCase(java.util.Locale.ROOT),
        provides,
        b.location(),
        b.lastModified(),
        b.fragment(),
        b.id() == consoleId,
        PluginRules.offered(b, origin, consoleId),
        PluginRules.refusal(PluginRules.Action.STOP, b, origin, consoleId).orElse(null));
  }

  /** What the bundle's registered services provide, in SPI order, each once. */
  static List<Provided> provides(PluginBundle bundle) {
    Set<Provided> provided = new LinkedHashSet<>();
    for (PluginSpi spi : PluginSpi.values()) {
      for (PluginBundle.Service s : bundle.services()) {
        if (s.objectClass().contains(spi.type())) {
          provided.add(provided(spi, name(spi, s)));
        }
      }
    }
    return List.copyOf(provided);
  }

  /** A service's name under an SPI: its naming property, else what it told when asked. */
  static String name(PluginSpi spi, PluginBundle.Service service) {
    Object named = spi.nameProperty().map(service.properties()::get).orElse(null);
    String name = named == null ? service.told().get(spi.type()) : String.valueOf(named);
    return name == null || name.isBlank() ? null : name;
  }

  private static Provided provided(PluginSpi spi, String name) {
    return new Provided(
        spi.kind(), name, name == null ? spi.simpleName() : spi.kind() + ": " + name);
  }

  /** What a stopped bundle declares it provides: the SPI types, unnamed. */
  private static List<Provided> declared(PluginBundle bundle) {
    Set<Provided> provided = new LinkedHashSet<>();
    for (PluginSpi spi : PluginSpi.values()) {
      if (bundle.declared().contains(spi.type())) {
        provided.add(provided(spi, null));
      }
    }
    return List.copyOf(provided);
  }

  private static boolean declaresSpi(PluginBundle bundle) {
    return bundle.declared().stream().anyMatch(t -> PluginSpi.of(t).isPresent());
  }

  /**
   * The channel plugins that run, by channel id, with the state the core reports for each ({@code
   * UNKNOWN} when the core does not report it, e.g. because the core is not running).
   *
   * @param states channel id to state, from the core's health metrics {@code channel.<id>}
   */
  static List<Channel> channels(List<PluginBundle> bundles, Map<String, String> states) {
    Map<String, Channel> channels = new TreeMap<>();
    for (PluginBundle b : bundles) {
      for (PluginBundle.Service s : b.services()) {
        if (s.objectClass().contains(PluginSpi.CHANNEL.type())) {
          String id = Optional.ofNullable(name(PluginSpi.CHANNEL, s)).orElse("(unnamed)");
          channels.put(
              id + "#" + b.id(),
              new Channel(id, states.getOrDefault(id, "UNKNOWN"), b.id(), b.label()));
        }
      }
    }
    return List.copyOf(channels.values());
  }
}
