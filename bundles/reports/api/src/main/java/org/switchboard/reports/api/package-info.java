/**
 * Reports: the {@link org.switchboard.reports.api.Report} SPI that report bundles implement, the
 * facts they are computed from ({@link org.switchboard.reports.api.QueueVisit}, {@link
 * org.switchboard.reports.api.AgentSpan}) as {@link org.switchboard.reports.api.ReportData} gives
 * them, and {@link org.switchboard.reports.api.QueueMetrics}, the metrics with their definitions.
 *
 * <p>The facts are a projection of the core's event log, so every report can be recomputed from the
 * events at any time.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.switchboard.reports.api;
