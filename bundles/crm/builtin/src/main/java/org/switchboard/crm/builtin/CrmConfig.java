package org.switchboard.crm.builtin;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The built-in CRM, PID {@code org.switchboard.crm}. */
@ObjectClassDefinition(
    name = "Switchboard built-in CRM",
    description = "How phone numbers are read, and how many lookups are kept in memory.")
public @interface CrmConfig {
  @AttributeDefinition(
      description =
          "ISO 3166 region (DE, CN, US...) in which phone numbers without a country code are read;"
              + " empty: such numbers are refused.")
  String defaultRegion() default "";

  @AttributeDefinition(description = "Identities whose customer is kept in memory (LRU).")
  int cacheSize() default 100_000;

  @AttributeDefinition(
      description =
          "Create a customer for a contact from an address nobody knows yet (phone number, email),"
              + " so that their next contact finds their history.")
  boolean createUnknownCustomers() default true;

  @AttributeDefinition(
      description = "How long a screen pop waits for the external CRMs, in milliseconds.")
  int screenPopTimeout() default 2000;
}
