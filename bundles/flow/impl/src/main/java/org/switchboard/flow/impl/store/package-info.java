/**
 * Where flows live: the flow directory admins edit (hot reloaded), and the version history that
 * survives restarts and makes rollback possible.
 */
package org.switchboard.flow.impl.store;
