/**
 * Customers across channels: one customer, many identities (phone numbers in E.164, emails, chat
 * visitor ids, social ids), a tier and a routing priority, tags and consents. The built-in CRM
 * provides {@link org.switchboard.crm.api.CustomerService}; other bundles (the desktop's screen
 * pop, channels, flows) read through it.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.switchboard.crm.api;
