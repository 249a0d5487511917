package org.switchboard.ops.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.switchboard.core.api.skill.Skill;
import org.switchboard.core.api.skill.SkillService;

/** {@code switchboard:skill-list}: the skill catalogue. */
@Service
@Command(scope = "switchboard", name = "skill-list", description = "Lists skills")
public class SkillList implements Action {
  @Reference SkillService skills;

  @Option(name = "--json", description = "Print JSON instead of a table")
  boolean json;

  @Override
  public Object execute() throws Exception {
    return Output.guarded(
        System.out,
        () -> {
          if (json) {
            Output.json(System.out, skills.list());
            return null;
          }
          ShellTable table = new ShellTable();
          table.column("Skill");
          table.column("Description");
          for (Skill s : skills.list()) {
            table.addRow().addContent(s.id(), s.description());
          }
          table.print(System.out);
          return null;
        });
  }
}
