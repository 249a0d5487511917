package org.switchboard.core.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.IllegalTransitionException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.conversation.Attachment;
import org.switchboard.core.api.interaction.Direction;
import org.switchboard.core.api.interaction.OpenInteraction;

class AttachmentStoreTest {
  @TempDir Path dir;
  private TestCore core;
  private AttachmentStoreImpl store;
  private String chat;

  @BeforeEach
  void setUp() {
    core = new TestCore();
    store = core.attachments(dir);
    chat =
        core.interactions
            .open(
                new OpenInteraction(
                    ChannelType.CHAT, null, Direction.INBOUND, "visitor", "web", null, Map.of()))
            .id();
  }

  @AfterEach
  void tearDown() throws Exception {
    core.close();
  }

  private static InputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aStoredFileIsReadBackUnderItsInteractionOnly() throws IOException {
    Attachment a =
        store.store(chat, "C:\\Users\\li/../invoice.txt", "text/plain", bytes("hello"), 100);
    assertThat(a.name()).isEqualTo("invoice.txt");
    assertThat(a.size()).isEqualTo(5);
    try (InputStream in = store.find(chat, a.id()).orElseThrow().open()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }
    assertThat(store.find("another-interaction", a.id())).isEmpty();
    assertThat(
            core.count(
                "SELECT COUNT(*) FROM conversation_attachment WHERE sha256 ="
                    + " '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'"))
        .isEqualTo(1);
  }

  @Test
  void aFileOverTheLimitLeavesNothingBehind() throws IOException {
    assertThatThrownBy(
            () -> store.store(chat, "big.txt", "text/plain", bytes("x".repeat(101)), 100))
        .isInstanceOf(ValidationException.class);
    try (var files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
    assertThat(core.count("SELECT COUNT(*) FROM conversation_attachment")).isZero();
  }

  @Test
  void endedConversationsTakeNoFiles() {
    core.interactions.abandon(chat, "left");
    assertThatThrownBy(() -> store.store(chat, "a.txt", "text/plain", bytes("x"), 10))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void namesAreMadeSafeForDisplay() {
    assertThat(AttachmentStoreImpl.safeName("../../etc/passwd")).isEqualTo("passwd");
    assertThat(AttachmentStoreImpl.safeName("..")).isEqualTo("attachment");
    assertThat(AttachmentStoreImpl.safeName("a\u0000b\"c.pdf")).isEqualTo("abc.pdf");
    assertThat(AttachmentStoreImpl.safeName(null)).isEqualTo("attachment");
    assertThat(AttachmentStoreImpl.safeName("x".repeat(300))).hasSize(200);
  }
}
