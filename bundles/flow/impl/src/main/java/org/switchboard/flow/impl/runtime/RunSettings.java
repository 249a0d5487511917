package org.switchboard.flow.impl.runtime;

/**
 * The engine-wide settings every run uses.
 *
 * @param fallbackQueue the queue for contacts whose flow is missing or fails and names no fallback
 * @param maxStepsPerInput the most nodes a run may pass between two customer events before it is
 *     considered a runaway loop and sent to the fallback queue
 * @param dataDipTimeoutMillis the timeout of data nodes that give none
 */
public record RunSettings(String fallbackQueue, int maxStepsPerInput, long dataDipTimeoutMillis) {}
