/** The built-in routing strategies, each a {@link org.switchboard.acd.api.RoutingStrategy}. */
package org.switchboard.acd.strategies;
