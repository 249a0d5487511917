package org.switchboard.channel.webchat;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the web chat channel, PID {@code org.switchboard.channel.webchat}. */
@ObjectClassDefinition(
    name = "Switchboard web chat",
    description = "Which queue each widget entry point feeds, who may embed it, and its limits.")
public @interface WebChatConfig {
  @AttributeDefinition(description = "Entry points and their queues: entry=queue, comma-separated.")
  String entries() default "web=support";

  @AttributeDefinition(
      description =
          "Origins (https://www.example.com) whose pages may use the widget's HTTP endpoints;"
              + " empty = this server's own pages only; * = any (not for production).")
  String allowedOrigins() default "";

  @AttributeDefinition(description = "Longest message, in characters.")
  int maxMessageChars() default 2000;

  @AttributeDefinition(description = "Messages a customer may send per minute in one chat.")
  int messagesPerMinute() default 60;

  @AttributeDefinition(
      description =
          "How long a customer whose connection dropped may take to come back (ISO-8601).")
  String reconnectGrace() default "PT2M";

  @AttributeDefinition(description = "Largest file a customer may send, in bytes.")
  long attachmentMaxBytes() default 5L * 1024 * 1024;

  @AttributeDefinition(
      description =
          "Media types customers may send, comma-separated; the content must match its type"
              + " (image/png, image/jpeg, image/gif, application/pdf and text/plain are checked).")
  String attachmentTypes() default "image/png,image/jpeg,application/pdf,text/plain";

  @AttributeDefinition(description = "Open chats at once; beyond, new chats are refused.")
  int maxSessions() default 20000;
}
