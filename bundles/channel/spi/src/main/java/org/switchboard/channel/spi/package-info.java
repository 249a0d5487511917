/**
 * The channel SPI: how a channel plugin (voice, chat, email, SMS, a partner's social channel) plugs
 * into the core.
 *
 * <p>A plugin registers a {@link org.switchboard.channel.spi.ChannelPlugin} service. The core calls
 * {@link org.switchboard.channel.spi.ChannelPlugin#initialize} with a {@link
 * org.switchboard.channel.spi.ChannelContext}, through which the plugin opens interactions and
 * reports what its customers and agents do. The core calls the plugin back to connect an agent
 * ({@link org.switchboard.channel.spi.ChannelPlugin#offer}) and to tell it about changes made
 * elsewhere. The plugin keeps no state that matters: everything lives in the core, so the plugin
 * can be updated or restarted at any time.
 */
@org.osgi.annotation.versioning.Version("1.4.0")
package org.switchboard.channel.spi;
