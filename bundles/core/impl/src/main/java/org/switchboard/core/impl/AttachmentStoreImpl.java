package org.switchboard.core.impl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.conversation.Attachment;
import org.switchboard.core.api.conversation.AttachmentStore;
import org.switchboard.core.api.interaction.Interaction;

/**
 * Attachments as files under one directory ({@code <interaction>/<id>}), with their metadata and
 * SHA-256 in the database. A file is written to a temporary name and moved into place only when
 * complete and within the limit, so a broken upload never leaves half a file behind.
 */
@Component(service = AttachmentStore.class, configurationPid = "org.switchboard.core.attachments")
@Designate(ocd = AttachmentStoreImpl.Config.class)
public class AttachmentStoreImpl implements AttachmentStore {
  /** Where attachments are kept, PID {@code org.switchboard.core.attachments}. */
  @ObjectClassDefinition(name = "Switchboard attachments")
  public @interface Config {
    @AttributeDefinition(
        description =
            "Directory of attachment files; empty = <karaf.data>/switchboard/attachments.")
    String directory() default "";
  }

  private final CoreStore store;
  private final Path root;

  @Activate
  public AttachmentStoreImpl(@Reference CoreStore store, Config config) {
    this(
        store,
        config.directory().isBlank()
            ? Path.of(System.getProperty("karaf.data", "data"), "switchboard", "attachments")
            : Path.of(config.directory()));
  }

  AttachmentStoreImpl(CoreStore store, Path root) {
    this.store = store;
    this.root = root;
  }

  @Override
  public Attachment store(
      String interactionId, String name, String contentType, InputStream content, long maxBytes)
      throws IOException {
    Interaction i = Conversations.requireOpen(store, interactionId, "attach a file to");
    long limit = Math.min(Math.max(maxBytes, 0), MAX_BYTES);
    String id = UUID.randomUUID().toString();
    Path dir = Files.createDirectories(root.resolve(i.id()));
    Path partial = dir.resolve(id + ".part");
    MessageDigest sha = sha256();
    long size;
    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), sha)) {
      size = copy(content, out, limit);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    if (size < 0) {
      Files.deleteIfExists(partial);
      throw new ValidationException("attachment", "is larger than " + limit + " bytes");
    }
    Attachment attachment = new Attachment(id, safeName(name), contentType, size);
    Files.move(partial, dir.resolve(id), StandardCopyOption.ATOMIC_MOVE);
    String hash = HexFormat.of().formatHex(sha.digest());
    store.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO conversation_attachment (id, interaction_id, name, content_type,"
                      + " size, sha256, stored_at) VALUES (?,?,?,?,?,?,?)")) {
            ps.setString(1, id);
            ps.setString(2, i.id());
            ps.setString(3, attachment.name());
            ps.setString(4, contentType);
            ps.setLong(5, size);
            ps.setString(6, hash);
            ps.setObject(7, Rows.timestamp(Rows.now()));
            return ps.executeUpdate();
          }
        });
    return attachment;
  }

  @Override
  public Optional<StoredAttachment> find(String interactionId, String attachmentId) {
    Optional<Attachment> found =
        store.read(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT name, content_type, size FROM conversation_attachment WHERE id = ?"
                          + " AND interaction_id = ?")) {
                ps.setString(1, attachmentId);
                ps.setString(2, interactionId);
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next()
                      ? Optional.of(
                          new Attachment(
                              attachmentId, rs.getString(1), rs.getString(2), rs.getLong(3)))
                      : Optional.<Attachment>empty();
                }
              }
            });
    Path file = root.resolve(interactionId).resolve(attachmentId);
    return found.map(
        a ->
            new StoredAttachment() {
              @Override
              public Attachment attachment() {
                return a;
              }

              @Override
              public InputStream open() throws IOException {
                return Files.newInputStream(file);
              }
            });
  }

  /** Copies at most {@code limit} bytes; -1 when the content is longer. */
  private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
    byte[] buf = new byte[16 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      total += n;
      if (total > limit) {
        return -1;
      }
      out.write(buf, 0, n);
    }
    return total;
  }

  /** The sender's file name without folders or control characters, for display. */
  static String safeName(String name) {
    String base = name == null ? "" : name.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
    if (base.isEmpty() || base.equals(".") || base.equals("..")) {
      base = "attachment";
    }
    return base.length() > 200 ? base.substring(0, 200) : base;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
