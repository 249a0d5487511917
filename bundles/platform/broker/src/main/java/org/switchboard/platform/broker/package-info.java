/**
 * Messaging platform: publishing to the embedded Artemis broker.
 *
 * <p>Bundles publish through the {@link org.switchboard.platform.broker.MessagePublisher} service
 * instead of holding their own broker connections. External systems subscribe to the same addresses
 * over AMQP, MQTT, STOMP or the Artemis core protocol.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.switchboard.platform.broker;
