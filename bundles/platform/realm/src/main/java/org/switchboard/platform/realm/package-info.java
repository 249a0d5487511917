/**
 * {@link org.switchboard.platform.realm.RealmUsers}: the logins of Karaf's JAAS realm {@code karaf}
 * ({@code etc/users.properties}), read and changed through Karaf's backing engine, with every
 * change put in place as a whole so that a login never sees half a file and no change overwrites
 * another.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.switchboard.platform.realm;
