package org.switchboard.flow.api;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.interaction.QueueRequest;

/**
 * A channel's side of one customer contact while a flow runs for it: the engine calls it to speak
 * to the customer and to hand the contact on.
 *
 * <p>Implemented by channel plugins (voice, chat, ...). Every method must return at once, without
 * blocking on media, network or database: the engine calls them from its own shared threads. Calls
 * for one run never overlap. When a playback started by {@link #play} or {@link #say} has finished,
 * the channel calls {@link FlowRun#playbackDone()} (a chat channel may do so as soon as the message
 * is sent). After {@link #stopPlaying()} the channel must not report the stopped playback as done.
 *
 * <p>A run ends with exactly one of {@link #enqueue}, {@link #transfer}, {@link #voicemail} or
 * {@link #hangup}; no other call follows it.
 */
@ConsumerType
public interface FlowSession {

  /** The channel the contact arrived on; {@link ChannelType#CHAT} changes how input is read. */
  ChannelType channel();

  /**
   * Plays recorded prompts in order.
   *
   * @param prompts prompt ids as the channel's prompt store knows them (the engine does not check
   *     them: an unknown prompt is the channel's to report)
   * @param bargeIn whether the customer may interrupt the prompts with input
   */
  void play(List<String> prompts, boolean bargeIn);

  /**
   * Speaks a text (voice: text-to-speech) or sends it as a message (chat).
   *
   * @param text the text, variables already substituted
   * @param language the language tag, e.g. {@code en} or {@code zh}
   * @param bargeIn whether the customer may interrupt it with input
   */
  void say(String text, String language, boolean bargeIn);

  /** Stops the current playback at once (the customer barged in). Harmless when nothing plays. */
  void stopPlaying();

  /**
   * Stores attributes on the interaction (e.g. the customer id a data dip found).
   *
   * @param changes attributes to add or replace
   */
  void setAttributes(Map<String, String> changes);

  /**
   * Ends the flow: the contact waits in a queue for an agent.
   *
   * @param request the queue, priority and skills
   */
  void enqueue(QueueRequest request);

  /**
   * Ends the flow: the contact is transferred away (a number, a SIP URI, another channel address).
   *
   * @param destination the destination, as the channel understands it
   */
  void transfer(String destination);

  /**
   * Ends the flow: the customer leaves a voicemail (or, on chat, an offline message) that becomes
   * work in a queue.
   *
   * @param queue the queue that receives the message
   * @param maxSeconds the longest recording, in seconds
   */
  void voicemail(String queue, int maxSeconds);

  /**
   * Ends the flow and the contact.
   *
   * @param reason why, for the interaction's record (e.g. {@code closed}, {@code normal})
   */
  void hangup(String reason);
}
