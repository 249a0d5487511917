package org.switchboard.flow.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The flow engine: runs flows for customer contacts and manages the flow documents (validation,
 * versions, deployment, rollback).
 *
 * <p>Thread-safe; every method returns promptly. {@link #start} never blocks on the flow's work:
 * nodes run on the engine's own threads and call the {@link FlowSession} from there.
 */
@ProviderType
public interface FlowService {

  /**
   * Starts the active version of a flow for one customer contact.
   *
   * <p>Never throws for a missing or broken flow: the engine then logs why and runs its safe
   * default, which puts the contact into the configured fallback queue. The run keeps the flow
   * version it started with, even when a newer version is deployed meanwhile.
   *
   * @param flowId the flow's id
   * @param session the channel's side of the contact; called back until the run ends
   * @param attributes the interaction's attributes (e.g. the dialled number, the customer's id);
   *     flows read them in conditions and {@code ${name}} substitutions; may be null
   * @return the running flow, into which the channel feeds input and playback ends
   */
  FlowRun start(String flowId, FlowSession session, Map<String, String> attributes);

  /**
   * The active version of a flow.
   *
   * @param id the flow's id
   * @return the flow, or empty when no flow with that id is active
   */
  Optional<FlowInfo> flow(String id);

  /** Every active flow, sorted by id. */
  List<FlowInfo> flows();

  /**
   * Checks a flow document (YAML or JSON) without deploying it.
   *
   * @param document the document's text
   * @return the problems found, errors first, each with the {@linkplain FlowProblem#line() line} it
   *     is on when that is known; a document is deployable when none of them is an {@linkplain
   *     FlowProblem.Severity#ERROR error} (warnings, such as unreachable nodes, are allowed); empty
   *     when nothing at all was found
   */
  List<FlowProblem> validate(String document);

  /**
   * Stores a document as a new version of a flow and activates it. The document is also written to
   * the flow directory, so the files and the API agree.
   *
   * @param id the flow's id; the document's {@code id}, when present, must be the same
   * @param document the document's text (YAML or JSON)
   * @return the flow as now active
   * @throws FlowValidationException when the document has errors; nothing is changed then
   */
  FlowInfo deploy(String id, String document) throws FlowValidationException;

  /**
   * The stored versions of a flow, oldest first, including those of a flow whose file was removed.
   *
   * @param id the flow's id
   * @return the versions; empty for an unknown flow
   */
  List<FlowVersion> history(String id);

  /**
   * The exact text of a stored version of a flow, as it was validated and activated (the same bytes
   * {@link FlowVersion#sha256()} was computed from), e.g. to show it or to edit a copy of it.
   *
   * @param id the flow's id
   * @param version a version number from {@link #history}
   * @return the document's text; empty when the flow or the version is unknown, or its text can no
   *     longer be read
   * @since 1.1
   */
  Optional<String> document(String id, int version);

  /**
   * Activates the text of an earlier version again, as a new version (history only grows).
   *
   * @param id the flow's id
   * @param version the version whose text to restore
   * @return the flow as now active
   * @throws org.switchboard.core.api.NotFoundException when the flow or the version is unknown
   * @throws FlowValidationException when the old text no longer validates
   */
  FlowInfo rollback(String id, int version) throws FlowValidationException;
}
