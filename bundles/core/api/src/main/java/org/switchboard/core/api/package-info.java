/**
 * The Switchboard core contract: values and errors shared by every area.
 *
 * <p>Interactions, agents, queues and skills live in the sub-packages; this package holds what they
 * all use: {@link org.switchboard.core.api.ChannelType} and the exception hierarchy rooted at
 * {@link org.switchboard.core.api.SwitchboardException}.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.switchboard.core.api;
