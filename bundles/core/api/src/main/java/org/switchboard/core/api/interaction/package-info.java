/** Interactions (calls, chats, emails, messages) and their lifecycle service. */
@org.osgi.annotation.versioning.Version("1.4.0")
package org.switchboard.core.api.interaction;
