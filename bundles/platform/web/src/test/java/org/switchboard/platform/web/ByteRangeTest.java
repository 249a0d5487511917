package org.switchboard.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ByteRangeTest {
  private static ByteRange part(String header, long size) {
    ByteRange.Ask ask = ByteRange.parse(header, size);
    assertThat(ask).as(header).isInstanceOf(ByteRange.Part.class);
    return ((ByteRange.Part) ask).range();
  }

  @Test
  void theFormsPlayersSend() {
    assertThat(part("bytes=0-99", 1000)).isEqualTo(new ByteRange(0, 99));
    assertThat(part("bytes=500-", 1000)).isEqualTo(new ByteRange(500, 999));
    assertThat(part("bytes=-100", 1000)).isEqualTo(new ByteRange(900, 999));
    assertThat(part("bytes=900-5000", 1000)).isEqualTo(new ByteRange(900, 999));
    assertThat(part("bytes=-5000", 1000)).isEqualTo(new ByteRange(0, 999));
    assertThat(part(" bytes=10-10 ", 1000).length()).isEqualTo(1);
    assertThat(part("bytes=0-99", 1000).contentRange(1000)).isEqualTo("bytes 0-99/1000");
  }

  @Test
  void outsideTheFileIsUnsatisfiable() {
    assertThat(ByteRange.parse("bytes=1000-", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThat(ByteRange.parse("bytes=50-10", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThat(ByteRange.parse("bytes=-0", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
  }

  @Test
  void anythingElseIsTheWholeFile() {
    for (String h :
        new String[] {
          null,
          "",
          "bytes=-",
          "bytes=0-1,5-9",
          "items=0-9",
          "bytes=a-b",
          "bytes=99999999999999999999-"
        }) {
      assertThat(ByteRange.parse(h, 1000))
          .as(String.valueOf(h))
          .isInstanceOf(ByteRange.Whole.class);
    }
  }

  @Test
  void anEmptyFileHasNoRange() {
    assertThat(ByteRange.parse("bytes=0-", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThat(ByteRange.parse("bytes=-10", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThat(ByteRange.parse(null, 0)).isInstanceOf(ByteRange.Whole.class);
  }

  @Test
  void aRangeIsNeverBackwards() {
    assertThatThrownBy(() -> new ByteRange(-1, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ByteRange(5, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new ByteRange(0, 0).length()).isEqualTo(1);
  }

  @Test
  void copyWritesExactlyTheRangesBytes(@TempDir Path dir) throws Exception {
    byte[] content = new byte[200_000];
    new java.util.Random(7).nextBytes(content);
    Path file = Files.write(dir.resolve("audio.wav"), content);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ByteRange(70_000, 139_999).copy(file, out);
    assertThat(out.toByteArray()).isEqualTo(Arrays.copyOfRange(content, 70_000, 140_000));
  }
}
