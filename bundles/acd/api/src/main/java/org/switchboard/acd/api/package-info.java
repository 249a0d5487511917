/**
 * The automatic call distributor (ACD): the {@link org.switchboard.acd.api.RoutingStrategy} SPI
 * that partners implement, per-queue {@link org.switchboard.acd.api.RoutingPolicy routing
 * policies}, stored {@link org.switchboard.acd.api.Decision decisions} with their explanations, and
 * the virtual-time {@link org.switchboard.acd.api.Simulator}.
 */
@org.osgi.annotation.versioning.Version("1.3.0")
package org.switchboard.acd.api;
