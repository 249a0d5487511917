/**
 * Conversations of the messaging channels (chat, email, SMS, social): the ordered messages of an
 * interaction, written by the customer, agents, supervisors or the system, with delivery and read
 * receipts. The core keeps them as the interaction's transcript.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.switchboard.core.api.conversation;
