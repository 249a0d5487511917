/**
 * Customers across channels: one customer, many identities (phone numbers in E.164, emails, chat
 * visitor ids, social ids), a tier and a routing priority, tags and consents. The built-in CRM
 * provides {@link org.switchboard.crm.api.CustomerService} and the merged {@link
 * org.switchboard.crm.api.CustomerDirectory}; external CRMs plug in as {@link
 * org.switchboard.crm.api.CrmConnector} services.
 */
@org.osgi.annotation.versioning.Version("1.2.0")
package org.switchboard.crm.api;
