package org.switchboard.ops.webconsole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.api.ValidationException;

class KarUploadTest {
  @TempDir Path dir;

  /** A minimal KAR: a zip with a feature repository under repository/. */
  static byte[] kar() throws IOException {
    return zip("repository/com/acme/acme-features/1.0/acme-features-1.0-features.xml");
  }

  static byte[] zip(String entry) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(entry));
      zip.write("<features/>".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  private KarUpload receive(String name, byte[] body) throws IOException {
    return KarUpload.receive(name, body.length, new ByteArrayInputStream(body), dir, 64 * 1024);
  }

  @Test
  void aKarIsStoredUnderItsOwnNameAndDeletedOnClose() throws IOException {
    Path file;
    try (KarUpload upload = receive("acme-whatsapp-1.2.0.kar", kar())) {
      assertThat(upload.name()).isEqualTo("acme-whatsapp-1.2.0");
      file = upload.file();
      assertThat(file.getFileName()).hasToString("acme-whatsapp-1.2.0.kar");
      assertThat(Files.readAllBytes(file)).isEqualTo(kar());
    }
    assertThat(file).doesNotExist();
    assertThat(file.getParent()).doesNotExist();
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void theNameIsUrlDecodedAndStrippedOfFolders() {
    assertThat(KarUpload.fileName("acme%2Dvoice-1.0.KAR")).isEqualTo("acme-voice-1.0.kar");
    assertThat(KarUpload.fileName("C:\\Users\\me\\acme.kar")).isEqualTo("acme.kar");
    assertThat(KarUpload.fileName("../../etc/acme.kar")).isEqualTo("acme.kar");
  }

  @Test
  void aBadNameIsRefusedWithTheReason() {
    assertThatThrownBy(() -> receive(null, kar()))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "file: the upload carries no file name (header X-File-Name): choose a .kar file");
    assertThatThrownBy(() -> receive("acme.zip", kar()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("'acme.zip' is not a KAR")
        .hasMessageContaining(".kar file");
    assertThatThrownBy(() -> receive(".kar", kar())).hasMessageContaining("is not a KAR");
    assertThatThrownBy(() -> receive("%E6%8F%92%E4%BB%B6.kar", kar()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("rename '插件.kar' to letters, digits, dots, dashes and underscores");
    assertThatThrownBy(() -> receive("acme%zz.kar", kar())).hasMessageContaining("not URL-encoded");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aFileThatIsNotAZipIsRefused() {
    byte[] text = "just some text, not an archive".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> receive("acme.kar", text))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "file: acme.kar is not a KAR: a KAR is a zip archive, and this file is not one");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aZipWithoutRepositoryIsNotAKar() {
    assertThatThrownBy(() -> receive("acme.kar", zip("readme.txt")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("has no repository/ folder");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aDamagedZipIsRefused() throws IOException {
    byte[] whole = kar();
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 30);
    assertThatThrownBy(() -> receive("acme.kar", cut))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("damaged zip archive");
  }

  @Test
  void anEmptyFileIsRefused() {
    assertThatThrownBy(() -> receive("acme.kar", new byte[0]))
        .isInstanceOf(ValidationException.class)
        .hasMessage("file: acme.kar is empty");
  }

  @Test
  void aFileAboveTheLimitIsRefusedByItsLengthBeforeReading() {
    assertThatThrownBy(
            () ->
                KarUpload.receive(
                    "big.kar",
                    150L * 1024 * 1024,
                    new ByteArrayInputStream(new byte[0]),
                    dir,
                    KarUpload.LIMIT))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "file: big.kar is 150 MiB: the limit is 100 MiB (copy larger KARs to deploy/ instead)");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aFileAboveTheLimitIsRefusedWhileReadingWhenItsLengthIsUnknown() {
    byte[] big = new byte[80 * 1024];
    big[0] = 'P';
    big[1] = 'K';
    assertThatThrownBy(
            () -> KarUpload.receive("big.kar", -1, new ByteArrayInputStream(big), dir, 64 * 1024))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "file: big.kar is too big: the limit is 64 KiB (copy larger KARs to deploy/ instead)");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void sizesReadAsPeopleWriteThem() {
    assertThat(KarUpload.size(KarUpload.LIMIT)).isEqualTo("100 MiB");
    assertThat(KarUpload.size(1536L * 1024)).isEqualTo("1.5 MiB");
    assertThat(KarUpload.size(512)).isEqualTo("512 bytes");
  }
}
