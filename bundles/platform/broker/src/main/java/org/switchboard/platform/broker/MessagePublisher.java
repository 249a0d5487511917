package org.switchboard.platform.broker;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Publishes durable messages to addresses of the Switchboard broker.
 *
 * <p>A call returns once the broker has stored the message(s), or throws {@link PublishException}
 * within the configured call timeout (default 5 s): it never blocks forever, also not while the
 * broker is restarting. After a failure nothing is guaranteed about what arrived, so a caller that
 * retries may publish a message twice: consumers must tolerate duplicates (deduplicate by a message
 * id, e.g. the CloudEvents {@code id}).
 *
 * <p>Thread-safe; calls from several threads are serialised on one broker session.
 */
@ProviderType
public interface MessagePublisher {

  /**
   * Publishes one message.
   *
   * @param address broker address, e.g. {@code switchboard.events}
   * @throws PublishException when the broker is unreachable or refuses the message
   */
  void publish(String address, BrokerMessage message);

  /**
   * Publishes messages in one broker transaction: all of them are stored, in list order, or none.
   * Cheaper than one call per message when relaying many.
   *
   * @throws PublishException when the broker is unreachable or refuses the batch
   */
  void publishAll(String address, List<BrokerMessage> messages);
}
