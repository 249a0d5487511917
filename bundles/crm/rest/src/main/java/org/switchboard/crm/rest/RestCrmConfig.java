package org.switchboard.crm.rest;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One external CRM reached over HTTP/JSON: factory PID {@code org.switchboard.crm.rest}, one
 * configuration ({@code etc/org.switchboard.crm.rest-<name>.cfg}) per CRM. docs/crm.md has
 * examples.
 */
@ObjectClassDefinition(
    name = "Switchboard REST CRM connector",
    description = "An external CRM asked over HTTP/JSON, mapped by configuration.")
public @interface RestCrmConfig {
  @AttributeDefinition(
      description =
          "The connector's name (letters, digits, dashes); customers only this CRM knows get the"
              + " customerRef <name>:<id>.")
  String name();

  @AttributeDefinition(
      description =
          "The lookup URL; {kind} (phone, email, chat, social) and {value} are replaced by the"
              + " identity, URL-encoded. E.g. https://crm.example.com/api/contacts?{kind}={value}")
  String lookupUrl();

  @AttributeDefinition(
      description = "Identity kinds to look up, in order (comma-separated in a .cfg file).")
  String[] kinds() default {"phone", "email"};

  @AttributeDefinition(
      type = AttributeType.PASSWORD,
      description =
          "Sent as the Authorization header, e.g. 'Bearer <token>' or 'Basic <base64>'; empty:"
              + " none.")
  String authorization() default "";

  @AttributeDefinition(
      description =
          "JSON pointer to the customer in the answer; an array there means its first element,"
              + " an empty array no customer. Empty: the whole answer.")
  String resultPointer() default "";

  @AttributeDefinition(description = "JSON pointer to the CRM's id of the customer.")
  String idPointer() default "/id";

  @AttributeDefinition(description = "JSON pointer to the customer's name; empty: none.")
  String namePointer() default "/name";

  @AttributeDefinition(description = "JSON pointer to the customer's tier; empty: none.")
  String tierPointer() default "";

  @AttributeDefinition(
      description = "JSON pointer to a routing priority 0-100 for the customer; empty: none.")
  String priorityPointer() default "";

  @AttributeDefinition(
      description =
          "Further data shown to the agent, each 'Label=/json/pointer' (comma-separated in a .cfg"
              + " file), e.g. 'Account=/account/name, Open orders=/orders/open'.")
  String[] fields() default {};

  @AttributeDefinition(
      description = "Where the record opens in the CRM's UI; {id} is replaced. Empty: no link.")
  String linkTemplate() default "";

  @AttributeDefinition(description = "Longest time for one lookup, in milliseconds.")
  int timeout() default 400;

  @AttributeDefinition(
      description = "Consecutive failures after which the CRM is not asked for a while.")
  int failuresToOpen() default 5;

  @AttributeDefinition(description = "How long the CRM is not asked after that, in seconds.")
  int openSeconds() default 30;

  @AttributeDefinition(
      description =
          "Order among the external CRMs (higher first); the built-in CRM is always asked before them.")
  int ranking() default 0;
}
