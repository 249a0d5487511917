/**
 * The flow engine's contract: channel-neutral flows (an IVR for voice, a bot for chat) that run for
 * one customer contact before it waits in a queue.
 *
 * <p>A channel plugin implements a {@link org.switchboard.flow.api.FlowSession} for a contact and
 * asks the {@link org.switchboard.flow.api.FlowService} to {@link
 * org.switchboard.flow.api.FlowService#start start} a flow in it; it then feeds the customer's
 * input and the end of each playback into the returned {@link org.switchboard.flow.api.FlowRun}.
 * The engine answers by calling the session back: prompts, text, attribute changes, and finally one
 * of enqueue, transfer, voicemail or hang-up. Flows look data up in external systems through {@link
 * org.switchboard.flow.api.DataDip} services.
 *
 * <p>Everything here is event-driven: no call blocks, and the engine runs no thread per contact.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.switchboard.flow.api;
