package org.switchboard.platform.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * Checks the packaged wrapper bundle (runs after {@code package}): Camel's jars are embedded
 * unchanged so that their {@code META-INF/services/org/apache/camel/**} files survive, Camel's API
 * is exported, and the libraries that other bundles share (Netty, Jackson, jakarta APIs, Qpid JMS)
 * are imported rather than embedded. That the bundle resolves and a CamelContext starts is proven
 * in Karaf by karaf-assembly's DistributionBootIT.
 */
class WrapperBundleLayoutIT {

  private static final Path BUNDLE = Path.of(System.getProperty("bundle.file", "missing"));

  @Test
  void exportsCamelAndEmbedsJarsUnchanged() throws IOException {
    assertTrue(Files.isRegularFile(BUNDLE), "bundle not built: " + BUNDLE);
    try (JarFile jar = new JarFile(BUNDLE.toFile())) {
      Attributes main = jar.getManifest().getMainAttributes();
      assertEquals("org.switchboard.platform.camel", main.getValue("Bundle-SymbolicName"));

      String exports = main.getValue("Export-Package");
      for (String pkg :
          List.of(
              "org.apache.camel.impl;",
              "org.apache.camel.builder;",
              "org.apache.camel.component.timer;",
              "org.apache.camel.component.amqp;",
              "org.apache.camel.component.http;",
              "org.apache.camel.component.jackson;",
              "org.apache.camel.dsl.yaml;")) {
        assertTrue(exports.contains(pkg), "not exported: " + pkg);
      }
      assertFalse(exports.contains("org.springframework"), "Spring must stay private");

      List<String> classPath = Arrays.asList(main.getValue("Bundle-ClassPath").split(","));
      for (String entry : classPath) {
        assertTrue(entry.equals(".") || jar.getEntry(entry) != null, "missing " + entry);
        assertFalse(
            entry.matches("lib/(netty|jackson|jakarta\\.(jms|activation|xml)|qpid).*"),
            "must come from its own bundle: " + entry);
      }

      assertHasEntry(
          jar, "lib/camel-timer-4.14.1.jar", "META-INF/services/org/apache/camel/component/timer");
      assertHasEntry(
          jar, "lib/camel-amqp-4.14.1.jar", "META-INF/services/org/apache/camel/component/amqp");
      assertHasEntry(
          jar,
          "lib/camel-yaml-dsl-4.14.1.jar",
          "META-INF/services/org/apache/camel/routes-loader/yaml");
    }
  }

  private static void assertHasEntry(JarFile outer, String embedded, String entry)
      throws IOException {
    ZipEntry nested = outer.getEntry(embedded);
    assertNotNull(nested, "not embedded: " + embedded);
    try (InputStream in = outer.getInputStream(nested);
        JarInputStream inner = new JarInputStream(in)) {
      for (ZipEntry e = inner.getNextEntry(); e != null; e = inner.getNextEntry()) {
        if (e.getName().equals(entry)) {
          return;
        }
      }
    }
    throw new AssertionError(embedded + " lacks " + entry);
  }
}
