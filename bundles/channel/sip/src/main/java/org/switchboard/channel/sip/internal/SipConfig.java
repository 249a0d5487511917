package org.switchboard.channel.sip.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the SIP channel, PID {@code org.switchboard.channel.sip}. */
@ObjectClassDefinition(
    name = "Switchboard SIP channel",
    description =
        "Where the SIP stack listens, how phones register, and how the port is protected.")
public @interface SipConfig {
  @AttributeDefinition(
      description =
          "Address to listen on. Loopback by default like every other port of the distribution;"
              + " 0.0.0.0 (all interfaces) to take calls from phones and trunks.")
  String address() default "127.0.0.1";

  @AttributeDefinition(description = "SIP port for UDP and TCP.")
  int port() default 5060;

  @AttributeDefinition(
      description =
          "Transports to open: udp and tcp on port, tls on tlsPort (tls needs tlsKeystore).")
  String[] transports() default {"udp", "tcp"};

  @AttributeDefinition(description = "SIP port for TLS (sips:), used when transports has tls.")
  int tlsPort() default 5061;

  @AttributeDefinition(
      description =
          "Key store (PKCS12 or JKS file) with the appliance's TLS certificate and key; a path"
              + " relative to the Karaf home, e.g. etc/sip-tls.p12.")
  String tlsKeystore() default "";

  @AttributeDefinition(
      type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD,
      description =
          "Password of the key store. Keep it out of the file: $[env:SWITCHBOARD_SIP_TLS_PASSWORD]"
              + " reads it from the environment.")
  String tlsKeystorePassword() default "";

  @AttributeDefinition(description = "Key store type: PKCS12 or JKS.")
  String tlsKeystoreType() default "PKCS12";

  @AttributeDefinition(
      description =
          "Whether TLS peers must present a certificate: Disabled (phones and trunks authenticate"
              + " by digest or address), Want, Enabled (mutual TLS).")
  String tlsClientAuth() default "Disabled";

  @AttributeDefinition(description = "Digest realm phones authenticate in.")
  String realm() default "switchboard";

  @AttributeDefinition(
      description =
          "Digest algorithms offered in 401 challenges, one challenge each, most preferred first"
              + " (RFC 8760: SHA-256, MD5). MD5 alone by default: phones on older SIP stacks"
              + " (e.g. libre-based ones such as baresip 1.0) reject a 401 that also offers"
              + " SHA-256, and offering MD5 next to SHA-256 is no stronger than MD5 alone. Set"
              + " SHA-256 alone when every phone supports it.")
  String[] digestAlgorithms() default {"MD5"};

  @AttributeDefinition(description = "Seconds a digest nonce stays valid (each is accepted once).")
  int nonceSeconds() default 30;

  @AttributeDefinition(description = "Shortest registration accepted (423 below), seconds.")
  int minExpires() default 60;

  @AttributeDefinition(description = "Longest registration granted, seconds.")
  int maxExpires() default 3600;

  @AttributeDefinition(description = "Most contacts (phones) one agent may register.")
  int maxContactsPerAgent() default 5;

  @AttributeDefinition(description = "Requests per second allowed per source address.")
  double requestsPerSecond() default 50;

  @AttributeDefinition(description = "Burst of requests allowed per source address.")
  double burst() default 200;

  @AttributeDefinition(
      description = "Failed authentications before a user or source is locked out.")
  int maxAuthFailures() default 5;

  @AttributeDefinition(description = "Window in which failed authentications are counted, seconds.")
  int failureWindowSeconds() default 300;

  @AttributeDefinition(description = "Lock-out of a user, source or scanner, seconds.")
  int lockoutSeconds() default 900;

  @AttributeDefinition(description = "UDP socket buffer size in bytes (bursts of calls).")
  int udpBufferBytes() default 4194304;

  @AttributeDefinition(description = "Threads processing SIP messages.")
  int threads() default 8;

  @AttributeDefinition(
      description =
          "Host name or address Switchboard puts in Contact and Via headers; empty = the listening"
              + " address. Set it when listening on 0.0.0.0.")
  String advertisedHost() default "";

  @AttributeDefinition(
      description =
          "Dialled numbers and where they lead, each as <number>=queue:<queue id> (or"
              + " flow:<flow id>), e.g. 100=queue:support or +4930123456=queue:billing. Numbers"
              + " are compared in E.164 (see defaultRegion); short internal numbers as written.")
  String[] routes() default {};

  @AttributeDefinition(
      description =
          "Region (ISO 3166 code, e.g. DE or US) for numbers written without country code;"
              + " empty = none.")
  String defaultRegion() default "";

  @AttributeDefinition(
      description =
          "Sources allowed to send calls (carriers, SBCs): addresses or CIDR blocks, IPv4 or IPv6."
              + " Calls from elsewhere get 403.")
  String[] trunkSources() default {"127.0.0.1", "::1"};

  @AttributeDefinition(description = "Most calls handled at once; more get 503 with Retry-After.")
  int maxCalls() default 5000;

  @AttributeDefinition(
      description =
          "New calls get 503 with Retry-After while the ACD routes more than this many"
              + " milliseconds behind the core's changes (the machine past its capacity); 0: never.")
  int maxRoutingLagMillis() default 2000;

  @AttributeDefinition(description = "Threads running call control (core calls, database reads).")
  int callThreads() default 16;

  @AttributeDefinition(
      description =
          "Seconds between in-dialog OPTIONS to both legs of each connected call; a leg that"
              + " answers 481/408 or nothing is hung up. 0 = off.")
  int keepAliveSeconds() default 60;

  @AttributeDefinition(
      description =
          "Where agents' dials (click-to-call) go: the SIP URI of the carrier or SBC, e.g."
              + " sip:sbc.example.net:5060;transport=tcp. The trunk must accept calls from this"
              + " appliance's address (IP authentication). Empty = click-to-call off.")
  String outboundTrunk() default "";

  @AttributeDefinition(
      description =
          "The company number presented to customers on agents' dials (From user), e.g."
              + " +4930123456; empty = anonymous.")
  String outboundCallerId() default "";

  @AttributeDefinition(
      description =
          "Seconds a customer's phone may ring on an agent's dial before it counts as no-answer;"
              + " 5-30 (the agent's phone waits for our ACK at most 32 s).")
  int outboundRingSeconds() default 25;

  @AttributeDefinition(
      description =
          "Number prefixes agents may dial, compared after normalisation to E.164 (e.g. +49,"
              + " +1800); empty = any number. Guards against dials to premium or foreign numbers.")
  String[] outboundPrefixes() default {};

  @AttributeDefinition(
      description =
          "User name for digest authentication towards the outbound trunk, when the carrier"
              + " challenges our INVITEs (401/407); empty = IP authentication only.")
  String outboundTrunkUser() default "";

  @AttributeDefinition(
      type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD,
      description =
          "Password for outboundTrunkUser. Keep it out of the file:"
              + " $[env:SWITCHBOARD_TRUNK_PASSWORD] reads it from the environment.")
  String outboundTrunkPassword() default "";

  @AttributeDefinition(
      description =
          "What a queued caller hears when the media engine anchors calls: early (183 Session"
              + " Progress with our audio: greeting and music, the call stays unanswered until an"
              + " agent answers), answer (answered at once by Switchboard, then greeting and"
              + " music) or ringing (180 only, no audio of ours). Without the media engine"
              + " calls always ring.")
  String queueMedia() default "early";

  @AttributeDefinition(
      description =
          "Prompt played in a loop to callers waiting in a queue or held by the agent (a file"
              + " <name>.wav in the media engine's prompt directory, or a shipped prompt).")
  String musicOnHold() default "music-on-hold";

  @AttributeDefinition(
      description =
          "Greeting played once to a caller entering a queue, before the music: entries"
              + " <queueId>=<prompt>, e.g. support=welcome-support.")
  String[] queueGreetings() default {};

  @AttributeDefinition(
      description =
          "Queue a caller in a flow (IVR) goes to when the flow transfers to a destination that"
              + " is none of our numbers, or its queue refuses the call.")
  String flowFallbackQueue() default "support";

  @AttributeDefinition(
      description =
          "Seconds between announcements of a waiting caller's place in line (spoken by"
              + " text-to-speech between the music); 0 = none.")
  int positionAnnouncementSeconds() default 30;

  @AttributeDefinition(
      description = "What the announcement says; {position} is the caller's place in line.")
  String positionAnnouncement() default "You are number {position} in line. Thank you for waiting.";

  @AttributeDefinition(
      description =
          "Added to the announcement when the ACD can estimate the caller's wait; {wait} is the"
              + " wait in whole minutes, rounded up. Empty = never said.")
  String waitAnnouncement() default "Your expected wait is about {wait}.";

  @AttributeDefinition(description = "Language the announcement is spoken in (en, zh ...).")
  String announcementLanguage() default "en";

  @AttributeDefinition(
      description =
          "Queues whose waiting callers are offered a callback (comma-separated queue ids): the"
              + " announcement adds callbackOffer, and the caller's digit keeps their place in line"
              + " while we hang up; when an agent is free, the agent's phone rings, then the"
              + " caller's number through the outbound trunk. Needs the outbound trunk; callers"
              + " whose number it cannot dial are not offered one.")
  String[] callbackQueues() default {};

  @AttributeDefinition(
      description =
          "Attempts to reach a customer who asked for a callback (1-10): a busy line, no answer"
              + " or a failed call is tried again after callbackRetrySeconds, with the next free"
              + " agent; after the last attempt the agent is left in wrap-up with the outcome.")
  int callbackAttempts() default 3;

  @AttributeDefinition(description = "Seconds between attempts of a callback (0-86400).")
  int callbackRetrySeconds() default 600;

  @AttributeDefinition(description = "The digit that takes the callback offer (0-9, * or #).")
  String callbackDigit() default "1";

  @AttributeDefinition(description = "The callback offer; {digit} is callbackDigit.")
  String callbackOffer() default
      "To be called back instead of waiting, keeping your place in line, press {digit}.";

  @AttributeDefinition(
      description =
          "Queues where a waiting caller leaves a voicemail instead of waiting (comma-separated"
              + " queue ids), e.g. the overflow queue of a queue with a maximum wait: greeting,"
              + " beep, the message until # or hang-up; it waits in the queue for an agent, who"
              + " plays it on the desktop. Flows' voicemail nodes work without this.")
  String[] voicemailQueues() default {};

  @AttributeDefinition(description = "Longest voicemail message in a voicemail queue, in seconds.")
  int voicemailMaxSeconds() default 120;

  @AttributeDefinition(
      description =
          "The agent's phone key that pauses a call's recording and, pressed again, resumes it"
              + " (0-9, * or #; empty = none), e.g. while the customer reads out a card number.")
  String recordingPauseKey() default "*";

  @AttributeDefinition(description = "Said before the beep of a voicemail.")
  String voicemailGreeting() default
      "Please leave your message after the tone. Press the hash key when you are done.";

  @AttributeDefinition(description = "Said after a voicemail message, before we hang up.")
  String voicemailThanks() default "Thank you. Your message has been passed on. Goodbye.";

  @AttributeDefinition(
      description = "Said to a caller who took the callback offer, before we hang up.")
  String callbackConfirmation() default
      "Thank you. We will call you back at the number you are calling from. Goodbye.";
}
