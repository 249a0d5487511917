package org.switchboard.ops.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks the component descriptions bnd generated: the optional parts' resources are enabled only
 * by {@link OptionalResources}, and no component holds a part's service as a mandatory or static
 * reference (which would make its resource come and go, and the API rebuild, with that part).
 */
class OptionalResourcesTest {
  private static final Path DESCRIPTIONS = Path.of("target/classes/OSGI-INF");
  private static final List<String> OPTIONAL_PACKAGES =
      List.of(
          "org.switchboard.channel.sip.api.",
          "org.switchboard.media.api.",
          "org.switchboard.recording.api.",
          "org.switchboard.crm.api.",
          "org.switchboard.reports.api.",
          "org.switchboard.acd.api.");

  @Test
  void exactlyTheOptionalPartsResourcesStartDisabled() throws Exception {
    List<String> disabled = new ArrayList<>();
    for (Element component : components()) {
      if ("false".equals(component.getAttribute("enabled"))) {
        disabled.add(component.getAttribute("name"));
      }
    }
    assertThat(disabled).containsExactlyInAnyOrderElementsOf(OptionalResources.NEEDS.keySet());
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
