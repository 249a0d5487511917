package org.switchboard.ops.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks the component descriptions bnd generated: a resource that uses an optional part waits for
 * that part's {@link InstalledPart} (so it is not loaded where the part is missing), and no
 * component holds a part's service as a mandatory or static reference (which would make its
 * resource come and go, and the API rebuild, with that part).
 */
class OptionalResourcesTest {
  private static final Path DESCRIPTIONS = Path.of("target/classes/OSGI-INF");
  private static final Pattern MARKER =
      Pattern.compile("\\(" + Pattern.quote(InstalledPart.PACKAGE) + "=([a-z.]+)\\)");
  private static final List<String> OPTIONAL_PACKAGES =
      List.of(
          "org.switchboard.channel.sip.api.",
          "org.switchboard.media.api.",
          "org.switchboard.recording.api.",
          "org.switchboard.crm.api.",
          "org.switchboard.reports.api.",
          "org.switchboard.acd.api.");

  @Test
  void aResourceUsingAnOptionalPartStartsOnlyWhereThatPartIsInstalled() throws Exception {
    List<String> wrong = new ArrayList<>();
    int guarded = 0;
    for (Element component : components()) {
      Set<String> needed = new TreeSet<>();
      Set<String> installed = new TreeSet<>();
      NodeList references = component.getElementsByTagName("reference");
      for (int i = 0; i < references.getLength(); i++) {
        Element r = (Element) references.item(i);
        String type = r.getAttribute("interface");
        if (type.equals(InstalledPart.class.getName())) {
          Matcher m = MARKER.matcher(r.getAttribute("target"));
          boolean mandatory =
              r.getAttribute("cardinality").isEmpty()
                  || r.getAttribute("cardinality").startsWith("1..");
          if (!m.matches() || !mandatory || !OptionalResources.PACKAGES.contains(m.group(1))) {
            wrong.add(component.getAttribute("name") + ": marker " + r.getAttribute("target"));
          } else {
            installed.add(m.group(1));
          }
        } else if (optional(type)) {
          needed.add(type.substring(0, type.lastIndexOf('.')));
        }
      }
      if (!installed.containsAll(needed)) {
        wrong.add(component.getAttribute("name") + " uses " + needed + ", waits for " + installed);
      }
      if (!installed.isEmpty()) {
        guarded++;
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(guarded).as("resources guarded by an installed part").isGreaterThanOrEqualTo(8);
  }

  private static boolean optional(String type) {
    return OptionalResources.PACKAGES.stream().anyMatch(p -> type.startsWith(p + "."));
  }

  @Test
  void aPartsServiceIsAlwaysAnOptionalDynamicReference() throws Exception {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Element component : components()) {
      NodeList references = component.getElementsByTagName("reference");
      for (int i = 0; i < references.getLength(); i++) {
        Element r = (Element) references.item(i);
        String type = r.getAttribute("interface");
        if (OPTIONAL_PACKAGES.stream().noneMatch(type::startsWith)) {
          continue;
        }
        checked++;
        boolean optional = r.getAttribute("cardinality").startsWith("0..");
        boolean dynamic = "dynamic".equals(r.getAttribute("policy"));
        if (!optional || !dynamic) {
          wrong.add(component.getAttribute("name") + " -> " + type);
        }
      }
    }
    assertThat(checked).as("references to the parts' services").isGreaterThanOrEqualTo(9);
    assertThat(wrong).isEmpty();
  }

  private static List<Element> components() throws Exception {
    List<Element> all = new ArrayList<>();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(false);
    for (Path xml : descriptions()) {
      all.add(factory.newDocumentBuilder().parse(xml.toFile()).getDocumentElement());
    }
    assertThat(all).as("component descriptions in " + DESCRIPTIONS).hasSizeGreaterThan(20);
    return all;
  }

  private static List<Path> descriptions() throws IOException {
    try (Stream<Path> files = Files.list(DESCRIPTIONS)) {
      return files.filter(p -> p.toString().endsWith(".xml")).toList();
    }
  }
}
