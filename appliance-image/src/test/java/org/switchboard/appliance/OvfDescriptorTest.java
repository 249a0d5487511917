package org.switchboard.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The OVF 1.0 descriptor of the OVA, filled the way build-image.sh fills it, has the structure
 * VMware and VirtualBox import: one file referenced by the disk, the disk attached to a SCSI
 * controller, a NIC on the declared network, CPUs and memory, and the first-boot properties the
 * appliance reads.
 */
class OvfDescriptorTest {
  private static final String OVF = "http://schemas.dmtf.org/ovf/envelope/1";
  private static final String RASD =
      "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData";
  private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Z_]+)@");
  private static final String TEMPLATE =
      Recipe.read(Recipe.IMAGE.resolve("ovf/switchboard.ovf.in"));

  @Test
  void buildImageFillsEveryPlaceholder() {
    String build = Recipe.read(Recipe.IMAGE.resolve("build-image.sh"));
    Set<String> filled =
        new TreeSet<>(Recipe.all(Pattern.compile("-e \"s\\|@([A-Z_]+)@\\|"), build));
    Set<String> used = new TreeSet<>(Recipe.all(PLACEHOLDER, TEMPLATE));
    assertEquals(used, filled);
  }

  @Test
  void referencesDiskAndHardwareAreConsistent() throws Exception {
    Document ovf = filled();
    Element file = only(ovf, OVF, "File");
    assertEquals("switchboard-1.2.3-disk1.vmdk", file.getAttributeNS(OVF, "href"));
    assertEquals("123456", file.getAttributeNS(OVF, "size"));
    Element disk = only(ovf, OVF, "Disk");
    assertEquals(file.getAttributeNS(OVF, "id"), disk.getAttributeNS(OVF, "fileRef"));
    assertEquals("21474836480", disk.getAttributeNS(OVF, "capacity"));
    assertTrue(disk.getAttributeNS(OVF, "format").endsWith("#streamOptimized"));
    String network = only(ovf, OVF, "Network").getAttributeNS(OVF, "name");

    List<Element> items = elements(ovf.getElementsByTagNameNS(OVF, "Item"));
    Element cpu = item(items, "3");
    assertEquals("2", text(cpu, "VirtualQuantity"));
    Element memory = item(items, "4");
    assertEquals("4096", text(memory, "VirtualQuantity"));
    assertEquals("byte * 2^20", text(memory, "AllocationUnits"));
    Element scsi = item(items, "6");
    assertEquals("lsilogic", text(scsi, "ResourceSubType"));
    Element hardDisk = item(items, "17");
    assertEquals("ovf:/disk/" + disk.getAttributeNS(OVF, "diskId"), text(hardDisk, "HostResource"));
    assertEquals(text(scsi, "InstanceID"), text(hardDisk, "Parent"));
    Element nic = item(items, "10");
    assertEquals(network, text(nic, "Connection"));
    Set<String> ids = new TreeSet<>();
    items.forEach(i -> ids.add(text(i, "InstanceID")));
    assertEquals(items.size(), ids.size(), "InstanceIDs are unique");
  }

  @Test
  void firstBootPropertiesAreTheOnesTheSeedReads() throws Exception {
    Document ovf = filled();
    Set<String> keys = new TreeSet<>();
    for (Element p : elements(ovf.getElementsByTagNameNS(OVF, "Property"))) {
      keys.add(p.getAttributeNS(OVF, "key"));
      assertEquals(
          "", p.getAttributeNS(OVF, "value"), "no default for " + p.getAttributeNS(OVF, "key"));
      if (p.getAttributeNS(OVF, "key").endsWith("password")) {
        assertEquals("true", p.getAttributeNS(OVF, "password"), "a password is masked");
      }
    }
    String seed = Recipe.read(Recipe.ROOTFS.resolve("usr/lib/switchboard/seed.sh"));
    Set<String> read =
        new TreeSet<>(Recipe.all(Pattern.compile("\\s(switchboard\\.[a-z_]+)\\)"), seed));
    assertEquals(read, keys);
    String transport = only(ovf, OVF, "ProductSection").getAttributeNS(OVF, "transport");
    assertTrue(transport.contains("iso") && transport.contains("com.vmware.guestInfo"), transport);
  }

  /** The template with the values build-image.sh would put in. */
  private static Document filled() throws Exception {
    String xml =
        TEMPLATE
            .replace("@VMDK_FILE@", "switchboard-1.2.3-disk1.vmdk")
            .replace("@VMDK_SIZE@", "123456")
            .replace("@CAPACITY@", "21474836480")
            .replace("@VERSION@", "1.2.3")
            .replace("@IMAGE_DATE@", "2026-12-02T10:00:00Z")
            .replace("@CPUS@", "2")
            .replace("@MEMORY_MB@", "4096");
    assertTrue(!PLACEHOLDER.matcher(xml).find(), "every placeholder filled");
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc =
        f.newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    assertEquals("Envelope", doc.getDocumentElement().getLocalName());
    assertEquals(OVF, doc.getDocumentElement().getNamespaceURI());
    for (String section :
        List.of(
            "References",
            "DiskSection",
            "NetworkSection",
            "VirtualSystem",
            "OperatingSystemSection",
            "VirtualHardwareSection",
            "ProductSection")) {
      only(doc, OVF, section);
    }
    return doc;
  }

  private static Element only(Document doc, String ns, String name) {
    NodeList list = doc.getElementsByTagNameNS(ns, name);
    assertEquals(1, list.getLength(), "one " + name);
    return (Element) list.item(0);
  }

  private static List<Element> elements(NodeList list) {
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) {
      out.add((Element) list.item(i));
    }
    return out;
  }

  private static Element item(List<Element> items, String resourceType) {
    List<Element> found =
        items.stream().filter(i -> resourceType.equals(text(i, "ResourceType"))).toList();
    assertEquals(1, found.size(), "one item of resource type " + resourceType);
    return found.get(0);
  }

  private static String text(Element item, String rasd) {
    NodeList list = item.getElementsByTagNameNS(RASD, rasd);
    return list.getLength() == 0 ? "" : list.item(0).getTextContent().trim();
  }
}
