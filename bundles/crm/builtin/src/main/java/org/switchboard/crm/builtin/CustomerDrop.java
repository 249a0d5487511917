package org.switchboard.crm.builtin;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.api.ValidationException;
import org.switchboard.crm.api.CustomerService;
import org.switchboard.crm.api.ImportReport;

/**
 * Customer sync by file drop: the ERP (or a script, or an SFTP upload) puts a CSV file of customers
 * into the drop directory; once the file has stopped growing it is imported like {@code POST
 * /v1/customers/import}, then moved to {@code done/} (or {@code failed/} when it cannot be read at
 * all) with a {@code <file>.report.json} beside it that counts what was created, updated and
 * refused, with the line and reason of each refused row. Files are taken one at a time, in name
 * order; a file is never imported twice.
 */
@Component(
    service = {},
    configurationPid = "org.switchboard.crm.drop")
@Designate(ocd = CustomerDropConfig.class)
public class CustomerDrop {
  private static final Logger LOG = LoggerFactory.getLogger(CustomerDrop.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CustomerService crm;
  private final Path directory;
  private final ScheduledExecutorService scanner;
  private final Map<Path, List<Long>> seen = new HashMap<>();

  @Activate
  public CustomerDrop(@Reference CustomerService crm, CustomerDropConfig config) {
    this(crm, directory(config.directory()));
    scanner.scheduleWithFixedDelay(
        this::scan, 1, Math.max(1, config.scanSeconds()), TimeUnit.SECONDS);
  }

  CustomerDrop(CustomerService crm, Path directory) {
    this.crm = crm;
    this.directory = directory;
    this.scanner =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "switchboard-customer-drop");
              t.setDaemon(true);
              return t;
            });
  }

  @Deactivate
  void deactivate() {
    scanner.shutdownNow();
  }

  /**
   * Imports every file that has not changed since the previous scan; a file seen for the first time
   * (or still growing) waits for the next one.
   */
  synchronized void scan() {
    try {
      Files.createDirectories(directory);
      List<Path> files;
      try (Stream<Path> list = Files.list(directory)) {
        files =
            list.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".csv"))
                .filter(Files::isRegularFile)
                .sorted()
                .toList();
      }
      seen.keySet().retainAll(files);
      for (Path file : files) {
        List<Long> now = List.of(Files.size(file), Files.getLastModifiedTime(file).toMillis());
        if (now.equals(seen.put(file, now))) {
          seen.remove(file);
          importFile(file);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("customer drop {}: {}", directory, e.toString());
    }
  }

  private void importFile(Path file) throws IOException {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("file", file.getFileName().toString());
    String outcome;
    try (Reader in = utf8(file)) {
      ImportReport r = crm.importCsv(in);
      report.put("created", r.created());
      report.put("updated", r.updated());
      report.put("failedRows", r.failedRows());
      report.put("failed", r.failed());
      outcome = "done";
      LOG.info(
          "customer drop {}: {} created, {} updated, {} refused",
          file.getFileName(),
          r.created(),
          r.updated(),
          r.failedRows());
    } catch (ValidationException | IOException | java.io.UncheckedIOException e) {
      report.put("error", reason(e));
      outcome = "failed";
      LOG.warn("customer drop {} refused: {}", file.getFileName(), report.get("error"));
    }
    Path target = directory.resolve(outcome);
    Files.createDirectories(target);
    Path moved = target.resolve(file.getFileName());
    Files.move(file, moved, StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(
        target.resolve(file.getFileName() + ".report.json"),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
  }

  /** Why a file could not be imported; rows before a read error may have been applied. */
  private static String reason(Exception e) {
    Throwable cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
    if (cause instanceof CharacterCodingException) {
      return "the file is not UTF-8 (rows before the bad bytes were imported)";
    }
    return e instanceof ValidationException
        ? e.getMessage()
        : "cannot read the file: " + cause.getMessage() + " (rows before it were imported)";
  }

  private static Reader utf8(Path file) throws IOException {
    return new java.io.InputStreamReader(
        Files.newInputStream(file),
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  private static Path directory(String configured) {
    return configured == null || configured.isBlank()
        ? Path.of(System.getProperty("karaf.data", "data"), "import", "customers")
        : Path.of(configured.strip());
  }
}
