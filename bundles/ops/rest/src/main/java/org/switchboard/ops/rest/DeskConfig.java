package org.switchboard.ops.rest;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** What the agent desktop offers its users, PID {@code org.switchboard.desk}. */
@ObjectClassDefinition(
    name = "Switchboard agent desktop",
    description = "Not-ready reasons, disposition codes and canned responses of the desktop.")
public @interface DeskConfig {
  @AttributeDefinition(description = "Not-ready reasons, comma-separated.")
  String notReadyReasons() default "break,lunch,meeting,training,after-call-work";

  @AttributeDefinition(description = "Disposition codes for wrap-up, comma-separated.")
  String dispositionCodes() default "resolved,follow-up,escalated,complaint,no-answer,wrong-number";

  @AttributeDefinition(
      description = "Canned responses: language|title|text entries separated by ;;")
  String cannedResponses() default
      "en|Greeting|Hello, thank you for contacting us. How can I help you today?;;"
          + "en|One moment|Thank you, one moment please while I check that for you.;;"
          + "en|Closing|Is there anything else I can help you with?;;"
          + "zh|问候|您好，感谢您的联系。请问有什么可以帮您？;;"
          + "zh|请稍候|谢谢，请稍候，我为您查询一下。;;"
          + "zh|结束|请问还有其他可以帮您的吗？";

  @AttributeDefinition(description = "Ring time shown on offers when the queue's is unknown.")
  String ringTimeout() default "PT20S";
}
