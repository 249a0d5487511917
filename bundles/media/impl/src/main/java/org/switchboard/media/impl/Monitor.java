package org.switchboard.media.impl;

import org.switchboard.media.api.Monitoring;

/**
 * A supervisor joined to a bridged call: on each media-clock tick one frame of what each of the
 * three legs sent (taken from its tap, silence where none arrived) is mixed for every leg that
 * hears more than one other: the supervisor always (customer + agent), the agent when whispering or
 * barging (customer + supervisor), the customer when barging (agent + supervisor). A leg that hears
 * a mix no longer gets the bridge's direct relay. Ticks come from the clock thread, the rest from
 * anyone.
 */
final class Monitor implements Monitoring {
  private final MediaSessionImpl customer;
  private final MediaSessionImpl agent;
  private final MediaSessionImpl supervisor;
  private final RecordingTap fromCustomer = new RecordingTap();
  private final RecordingTap fromAgent = new RecordingTap();
  private final RecordingTap fromSupervisor = new RecordingTap();
  private final short[] customerFrame;
  private final short[] agentFrame;
  private final short[] supervisorFrame;
  private final short[] mix;
  private final Runnable forget;
  private volatile Mode mode;
  private volatile boolean stopped;

  /**
   * @param forget removes this monitor from the engine's clock
   */
  Monitor(
      MediaSessionImpl customer,
      MediaSessionImpl agent,
      MediaSessionImpl supervisor,
      Mode mode,
      int frameSamples,
      Runnable forget) {
    this.customer = customer;
    this.agent = agent;
    this.supervisor = supervisor;
    this.mode = mode;
    this.forget = forget;
    this.customerFrame = new short[frameSamples];
    this.agentFrame = new short[frameSamples];
    this.supervisorFrame = new short[frameSamples];
    this.mix = new short[frameSamples];
  }

  /** Joins the three sessions; undone by {@link #stop}. */
  void join() throws org.switchboard.media.api.MediaException {
    customer.join(this, fromCustomer);
    try {
      agent.join(this, fromAgent);
      try {
        supervisor.join(this, fromSupervisor);
      } catch (org.switchboard.media.api.MediaException e) {
        agent.leave(this, fromAgent);
        throw e;
      }
    } catch (org.switchboard.media.api.MediaException e) {
      customer.leave(this, fromCustomer);
      throw e;
    }
  }

  @Override
  public Mode mode() {
    return mode;
  }

  @Override
  public void mode(Mode mode) {
    if (mode == null) {
      throw new IllegalArgumentException("a monitoring mode is required");
    }
    this.mode = mode;
  }

  @Override
  public void stop() {
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    customer.leave(this, fromCustomer);
    agent.leave(this, fromAgent);
    supervisor.leave(this, fromSupervisor);
    forget.run();
  }

  @Override
  public boolean stopped() {
    return stopped;
  }

  /** Whether {@code session} hears this monitor's mix instead of the bridge's relay. */
  boolean mixesTo(MediaSessionImpl session) {
    Mode m = mode;
    return !stopped
        && (session == supervisor
            || (session == agent && m != Mode.LISTEN)
            || (session == customer && m == Mode.BARGE));
  }

  /** One frame for everyone who hears a mix (clock thread). */
  synchronized void tick() {
    if (stopped) {
      return;
    }
    int n = mix.length;
    fromCustomer.take(customerFrame, n);
    fromAgent.take(agentFrame, n);
    fromSupervisor.take(supervisorFrame, n); // drained in every mode: no stale audio on a switch
    Mode m = mode;
    supervisor.mixed(this, sum(customerFrame, agentFrame), n);
    if (m != Mode.LISTEN) {
      agent.mixed(this, sum(customerFrame, supervisorFrame), n);
    }
    if (m == Mode.BARGE) {
      customer.mixed(this, sum(agentFrame, supervisorFrame), n);
    }
  }

  /** The two frames added, clipped to 16 bits, in {@link #mix}. */
  private short[] sum(short[] x, short[] y) {
    for (int i = 0; i < mix.length; i++) {
      int v = x[i] + y[i];
      mix[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }
    return mix;
  }
}
