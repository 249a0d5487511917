package org.switchboard.crm.jdbc;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One CRM whose database is reachable: factory PID {@code org.switchboard.crm.jdbc}, one file
 * {@code etc/org.switchboard.crm.jdbc-<name>.cfg} each. The database is a DataSource service, e.g.
 * from {@code etc/org.ops4j.datasource-<name>.cfg} (docs/crm.md has an example).
 */
@ObjectClassDefinition(
    name = "Switchboard JDBC CRM connector",
    description = "An external CRM read from its database with a configured query.")
public @interface JdbcCrmConfig {
  @AttributeDefinition(
      description =
          "The connector's name (letters, digits, dashes); customers only this CRM knows get the"
              + " customerRef <name>:<id>.")
  String name();

  @AttributeDefinition(
      description = "The dataSourceName property of the DataSource service of the CRM's database.")
  String dataSourceName();

  @AttributeDefinition(
      description =
          "The query; {value} is the identity (phone in E.164, email in lower case) and {kind}"
              + " its kind (phone, email...), both passed as parameters, never pasted into the SQL."
              + " The first row is the customer.")
  String query();

  @AttributeDefinition(description = "Identity kinds to look up, in order (comma-separated).")
  String[] kinds() default {"phone", "email"};

  @AttributeDefinition(description = "Column with the CRM's id of the customer.")
  String idColumn() default "id";

  @AttributeDefinition(description = "Column with the customer's name; empty: none.")
  String nameColumn() default "name";

  @AttributeDefinition(description = "Column with the customer's tier; empty: none.")
  String tierColumn() default "";

  @AttributeDefinition(description = "Column with a routing priority 0-100; empty: none.")
  String priorityColumn() default "";

  @AttributeDefinition(
      description =
          "Further data shown to the agent, each 'Label=column' (comma-separated), e.g."
              + " 'Account=account_name, Open orders=open_orders'.")
  String[] fields() default {};

  @AttributeDefinition(
      description = "Where the record opens in the CRM's UI; {id} is replaced. Empty: no link.")
  String linkTemplate() default "";

  @AttributeDefinition(description = "Longest time for one query, in seconds.")
  int timeoutSeconds() default 1;

  @AttributeDefinition(
      description = "Consecutive failures after which the CRM is not asked for a while.")
  int failuresToOpen() default 5;

  @AttributeDefinition(description = "How long the CRM is not asked after that, in seconds.")
  int openSeconds() default 30;

  @AttributeDefinition(
      description =
          "Order among the external CRMs (higher first); the built-in CRM is always asked before"
              + " them.")
  int ranking() default 0;
}
