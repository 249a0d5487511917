package org.switchboard.reports.engine;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code switchboard:report-rebuild}: forgets the report facts and projects the whole event log
 * again (after a change of how facts are derived, or to check them).
 */
@Service
@Command(
    scope = "switchboard",
    name = "report-rebuild",
    description = "Recomputes the report facts from the whole event log")
public class ReportRebuild implements Action {
  @Reference ReportFacts facts;

  @Override
  public Object execute() throws Exception {
    long started = System.nanoTime();
    long upTo = facts.rebuild();
    System.out.printf(
        "Report facts rebuilt from the event log up to event %d in %d ms%n",
        upTo, (System.nanoTime() - started) / 1_000_000);
    return null;
  }
}
