package org.switchboard.flow.impl.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.interaction.QueueRequest;
import org.switchboard.flow.api.FlowSession;

/** A fake channel that records every call as a line of text, e.g. {@code play [welcome] true}. */
public class RecordingSession implements FlowSession {
  private final ChannelType channel;
  private final List<String> calls = new ArrayList<>();
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile QueueRequest enqueued;
  private volatile RuntimeException failOn;
  private volatile String failCall;

  public RecordingSession(ChannelType channel) {
    this.channel = channel;
  }

  public static RecordingSession voice() {
    return new RecordingSession(ChannelType.VOICE);
  }

  public static RecordingSession chat() {
    return new RecordingSession(ChannelType.CHAT);
  }

  /** Makes every call of a kind (by its first word, e.g. {@code enqueue}) throw. */
  public RecordingSession failing(String call, RuntimeException e) {
    this.failCall = call;
    this.failOn = e;
    return this;
  }

  private synchronized void record(String line) {
    calls.add(line);
    String word = line.split(" ")[0];
    if (word.equals(failCall)) {
      throw failOn;
    }
  }

  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  /** The last call, or null. */
  public synchronized String last() {
    return calls.isEmpty() ? null : calls.get(calls.size() - 1);
  }

  public synchronized void clear() {
    calls.clear();
  }

  public QueueRequest enqueued() {
    return enqueued;
  }

  /** Waits (bounded) for the flow to hand the contact on. */
  public boolean awaitEnd(long seconds) throws InterruptedException {
    return ended.await(seconds, TimeUnit.SECONDS);
  }

  @Override
  public ChannelType channel() {
    return channel;
  }

  @Override
  public void play(List<String> prompts, boolean bargeIn) {
    record("play " + prompts + " " + bargeIn);
  }

  @Override
  public void say(String text, String language, boolean bargeIn) {
    record("say " + text + " (" + language + ") " + bargeIn);
  }

  @Override
  public void stopPlaying() {
    record("stop");
  }

  @Override
  public void setAttributes(Map<String, String> changes) {
    record("attributes " + new java.util.TreeMap<>(changes));
  }

  @Override
  public void enqueue(QueueRequest request) {
    record(
        "enqueue "
            + request.queue()
            + (request.priority() == null ? "" : " priority " + request.priority())
            + (request.requiredSkills().isEmpty() ? "" : " skills " + request.requiredSkills()));
    enqueued = request;
    ended.countDown();
  }

  @Override
  public void transfer(String destination) {
    record("transfer " + destination);
    ended.countDown();
  }

  @Override
  public void voicemail(String queue, int maxSeconds) {
    record("voicemail " + queue + " " + maxSeconds);
    ended.countDown();
  }

  @Override
  public void hangup(String reason) {
    record("hangup " + reason);
    ended.countDown();
  }
}
