package org.switchboard.reports.api;

/**
 * The figures of a set of queue visits (one queue in one interval, say). Counts are whole; ratios
 * are 0..1 and times are seconds, both null when there is nothing to divide by. Definitions are in
 * {@link QueueMetrics#formulas}.
 */
public record QueueFigures(
    long offered,
    long answered,
    long abandoned,
    long shortAbandoned,
    long callbacks,
    long transferredOut,
    long transfers,
    long waiting,
    long answeredWithinThreshold,
    long abandonedWithinThreshold,
    Double serviceLevel,
    Double abandonRate,
    Double averageSpeedOfAnswer,
    Double averageHandleTime,
    Double averageTalkTime,
    Double averageHoldTime,
    Double averageWrapTime,
    Double longestWait) {}
