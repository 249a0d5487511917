package org.switchboard.ops.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.ForbiddenException;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.agent.AgentService;
import org.switchboard.core.api.conversation.AttachmentStore;
import org.switchboard.core.api.conversation.ConversationService;
import org.switchboard.core.api.interaction.Direction;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionQuery;
import org.switchboard.core.api.interaction.InteractionService;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.interaction.OpenInteraction;
import org.switchboard.core.api.interaction.QueueRequest;
import org.switchboard.core.api.queue.Queue;
import org.switchboard.core.api.queue.QueueService;
import org.switchboard.platform.web.ContentCheck;

/** {@code /api/v1/interactions}: list, read, open and move interactions through their lifecycle. */
@Path("v1/interactions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Component(
    service = InteractionResource.class,
    property = {
      "osgi.jaxrs.resource=true",
      SwitchboardApplication.SELECT,
      SwitchboardApplication.REQUIRE_AUTH,
      SwitchboardApplication.REQUIRE_JSON
    })
public class InteractionResource {
  private final InteractionService interactions;
  private final QueueService queues;
  private final InteractionActions actions;
  private final Transcripts transcripts;
  private final AttachmentStore attachments;

  @Activate
  public InteractionResource(
      @Reference InteractionService interactions,
      @Reference QueueService queues,
      @Reference ConversationService conversations,
      @Reference AgentService agents,
      @Reference AttachmentStore attachments) {
    this.attachments = attachments;
    this.interactions = interactions;
    this.queues = queues;
    this.actions = new InteractionActions(interactions);
    this.transcripts = new Transcripts(conversations, agents);
  }

  /**
   * Opening an interaction (as a channel would); with {@code queue} it is queued at once.
   *
   * @param priority 0-100 or null for the queue's priority
   */
  public record OpenRequest(
      ChannelType channel,
      String channelRef,
      Direction direction,
      String from,
      String to,
      String customerRef,
      Map<String, String> attributes,
      String queue,
      Integer priority) {}

  @GET
  @Roles({Roles.ADMIN, Roles.SUPERVISOR})
  public List<Interaction> list(
      @QueryParam("state") List<InteractionState> states,
      @QueryParam("queue") String queue,
      @QueryParam("agent") String agent,
      @QueryParam("channel") String channel,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    Set<InteractionState> wanted = states == null ? Set.of() : new HashSet<>(states);
    return interactions.list(
        new InteractionQuery(
            wanted, queue, agent, channel == null ? null : ChannelType.of(channel), limit));
  }

  @GET
  @Path("{id}")
  public Interaction get(@PathParam("id") String id, @Context SecurityContext security) {
    Interaction i =
        interactions.find(id).orElseThrow(() -> new NotFoundException("interaction", id));
    requireManagerOrAssigned((Caller) security.getUserPrincipal(), i);
    return i;
  }

  /** One event of an interaction's timeline; {@code data} is the event's JSON payload. */
  public record TimelineEvent(
      String id, long sequence, String type, java.time.Instant time, JsonNode data) {}

  /**
   * The interaction's events, oldest first: its timeline, including the channel's leg records
   * ({@code legs-recorded}, the CDRs of a call). For managers and the agent it is assigned to.
   */
  @GET
  @Path("{id}/events")
  public List<TimelineEvent> events(
      @PathParam("id") String id,
      @QueryParam("limit") @DefaultValue("200") int limit,
      @Context SecurityContext security) {
    get(id, security);
    return interactions.events(id, limit).stream()
        .map(
            e ->
                new TimelineEvent(e.id(), e.sequence(), e.type(), e.time(), ApiJson.tree(e.data())))
        .toList();
  }

  /** The conversation's messages after {@code after}, oldest first (chats, emails, ...). */
  @GET
  @Path("{id}/messages")
  public List<Transcripts.MessageView> messages(
      @PathParam("id") String id,
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("200") int limit,
      @Context SecurityContext security) {
    return transcripts.read(get(id, security), after, limit);
  }

  /**
   * Writes into the conversation: the connected agent, or a supervisor (whisper with visibility
   * AGENTS, barge-in with ALL). The same clientId again returns the stored message.
   */
  @POST
  @Path("{id}/messages")
  public Response write(
      @PathParam("id") String id,
      Transcripts.MessageRequest body,
      @Context SecurityContext security) {
    Interaction i = get(id, security);
    Transcripts.MessageView m =
        transcripts.write(i, (Caller) security.getUserPrincipal(), Bodies.required(body));
    return Response.created(
            URI.create("v1/interactions/" + id + "/messages?after=" + (m.seq() - 1)))
        .entity(m)
        .build();
  }

  /** Largest file an agent or supervisor sends into a conversation. */
  static final long MAX_UPLOAD_BYTES = 10L * 1024 * 1024;

  /**
   * A file the connected agent (or a supervisor) sends into the conversation: the body is the file,
   * {@code Content-Type} its type (one of {@link ContentCheck#KNOWN}, and the content must be of
   * that type), {@code X-File-Name} its name (URL-encoded UTF-8). The customer gets it as a message
   * with the attachment.
   */
  @POST
  @Path("{id}/attachments")
  @Consumes(MediaType.WILDCARD)
  public Response upload(
      @PathParam("id") String id,
      @HeaderParam("Content-Type") String contentType,
      @HeaderParam("X-File-Name") String fileName,
      java.io.InputStream body,
      @Context SecurityContext security)
      throws java.io.IOException {
    Interaction i = get(id, security);
    Caller caller = (Caller) security.getUserPrincipal();
    transcripts.writer(i, caller, org.switchboard.core.api.conversation.Visibility.ALL);
    String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase();
    if (!ContentCheck.KNOWN.contains(type)) {
      throw refused(
          415,
          "unsupported-type",
          "files of type '"
              + type
              + "' cannot be sent; send "
              + String.join(", ", new java.util.TreeSet<>(ContentCheck.KNOWN)));
    }
    byte[] prefix = body.readNBytes(ContentCheck.PREFIX);
    if (!ContentCheck.matches(type, prefix, prefix.length)) {
      throw refused(415, "unsupported-type", "the file's content is not " + type);
    }
    org.switchboard.core.api.conversation.Attachment file;
    try {
      file =
          attachments.store(
              i.id(),
              decodedName(fileName),
              type,
              new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(prefix), body),
              MAX_UPLOAD_BYTES);
    } catch (org.switchboard.core.api.ValidationException e) {
      throw refused(413, "too-large", "files are limited to " + MAX_UPLOAD_BYTES + " bytes");
    }
    Transcripts.MessageView m = transcripts.attach(i, caller, file);
    return Response.created(URI.create("v1/interactions/" + id + "/attachments/" + file.id()))
        .entity(m)
        .build();
  }

  private static WebApplicationException refused(int status, String code, String message) {
    return new WebApplicationException(ApiError.of(status, code, message));
  }

  private static String decodedName(String header) {
    if (header == null || header.isBlank()) {
      return "file";
    }
    try {
      return java.net.URLDecoder.decode(header, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return header;
    }
  }

  /**
   * A file the customer sent, as a download the browser never renders in a page (nosniff, sandbox).
   */
  @GET
  @Path("{id}/attachments/{attachment}")
  @Produces(MediaType.WILDCARD)
  public Response attachment(
      @PathParam("id") String id,
      @PathParam("attachment") String attachmentId,
      @Context SecurityContext security) {
    Interaction i = get(id, security);
    AttachmentStore.StoredAttachment file =
        attachments
            .find(i.id(), attachmentId)
            .orElseThrow(() -> new NotFoundException("attachment", attachmentId));
    StreamingOutput body =
        out -> {
          try (java.io.InputStream in = file.open()) {
            in.transferTo(out);
          }
        };
    return Response.ok(body, file.attachment().contentType())
        .header("Content-Length", file.attachment().size())
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "sandbox; default-src 'none'")
        .header("Cache-Control", "private, no-store")
        .header(
            "Content-Disposition",
            "attachment; filename*=UTF-8''"
                + java.net.URLEncoder.encode(
                        file.attachment().name(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20"))
        .build();
  }

  /** The customer's earlier interactions, newest first (empty when the customer is unknown). */
  @GET
  @Path("{id}/history")
  public List<Interaction> history(
      @PathParam("id") String id,
      @QueryParam("limit") @DefaultValue("20") int limit,
      @Context SecurityContext security) {
    Interaction i = get(id, security);
    if (i.customerRef() == null) {
      return List.of();
    }
    return interactions.history(i.customerRef(), Math.min(Math.max(limit, 1), 100) + 1).stream()
        .filter(h -> !h.id().equals(i.id()))
        .limit(Math.min(Math.max(limit, 1), 100))
        .toList();
  }

  /**
   * Opens (and optionally queues) an interaction. The queue is checked first: a refused request
   * writes nothing.
   */
  @POST
  @Roles({Roles.ADMIN, Roles.SUPERVISOR})
  public Response open(OpenRequest body) {
    OpenRequest r = Bodies.required(body);
    OpenInteraction request =
        new OpenInteraction(
            r.channel(),
            r.channelRef(),
            r.direction(),
            r.from(),
            r.to(),
            r.customerRef(),
            r.attributes());
    QueueRequest queueing =
        r.queue() == null ? null : new QueueRequest(r.queue(), r.priority(), null);
    if (queueing != null) {
      Queue queue =
          queues.find(r.queue()).orElseThrow(() -> new NotFoundException("queue", r.queue()));
      if (!queue.accepts(r.channel())) {
        throw new ValidationException(
            "queue", "queue '" + queue.id() + "' does not take " + r.channel() + " interactions");
      }
    }
    Interaction opened = interactions.open(request);
    if (queueing != null && opened.state() == InteractionState.NEW) {
      opened = interactions.enqueue(opened.id(), queueing);
    }
    return Response.created(URI.create("v1/interactions/" + opened.id())).entity(opened).build();
  }

  /**
   * Lifecycle actions: enqueue, offer, accept, decline, hold, resume, transfer, end, complete,
   * abandon.
   */
  @POST
  @Path("{id}/{action}")
  public Interaction act(
      @PathParam("id") String id,
      @PathParam("action") String action,
      InteractionActions.ActionBody body,
      @Context SecurityContext security) {
    Interaction current =
        interactions.find(id).orElseThrow(() -> new NotFoundException("interaction", id));
    Caller caller = (Caller) security.getUserPrincipal();
    if (!caller.isManager()
        && !(InteractionActions.AGENT_ACTIONS.contains(action)
            && caller.name().equals(current.agent()))) {
      throw new ForbiddenException(
          ApiError.of(
              403,
              "forbidden",
              "agents may "
                  + InteractionActions.AGENT_ACTIONS
                  + " only interactions offered or assigned to them"));
    }
    return actions.perform(
        id, action, body == null ? InteractionActions.ActionBody.EMPTY : body, caller);
  }

  static void requireManagerOrAssigned(Caller caller, Interaction i) {
    if (!caller.isManager() && !caller.name().equals(i.agent())) {
      throw new ForbiddenException(
          ApiError.of(
              403, "forbidden", "agents may read only interactions offered or assigned to them"));
    }
  }
}
