package org.switchboard.crm.builtin;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The customer drop directory, PID {@code org.switchboard.crm.drop}. */
@ObjectClassDefinition(
    name = "Switchboard customer drop",
    description = "CSV files of customers (e.g. exported by the ERP) imported from a directory.")
public @interface CustomerDropConfig {
  @AttributeDefinition(
      description = "Directory watched for *.csv files; empty: <karaf.data>/import/customers.")
  String directory() default "";

  @AttributeDefinition(description = "How often the directory is looked at, in seconds.")
  int scanSeconds() default 5;
}
