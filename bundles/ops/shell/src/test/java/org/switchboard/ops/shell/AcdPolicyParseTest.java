package org.switchboard.ops.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.acd.api.RelaxationStep;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.skill.SkillRequirement;

class AcdPolicyParseTest {
  @Test
  void stepsParseFromTheirShellForm() {
    List<RelaxationStep> steps =
        AcdPolicy.parse(List.of("0:last-agent", "30:billing>=7, english>=5", "60:"));
    assertThat(steps)
        .containsExactly(
            new RelaxationStep(Duration.ZERO, List.of(), true),
            new RelaxationStep(
                Duration.ofSeconds(30),
                List.of(new SkillRequirement("billing", 7), new SkillRequirement("english", 5)),
                false),
            new RelaxationStep(Duration.ofSeconds(60), List.of(), false));
  }

  @Test
  void badStepsAreExplained() {
    assertThatThrownBy(() -> AcdPolicy.parse(List.of("billing>=7")))
        .hasMessageContaining("must look like 30:billing>=7");
    assertThatThrownBy(() -> AcdPolicy.parse(List.of("soon:billing>=7")))
        .hasMessageContaining("whole seconds");
    assertThatThrownBy(() -> AcdPolicy.parse(List.of("30:billing=7")))
        .hasMessageContaining("skill>=level");
    assertThatThrownBy(() -> AcdPolicy.parse(List.of("30:billing>=high")))
        .hasMessageContaining("1-10");
    assertThatThrownBy(() -> AcdPolicy.parse(List.of("30:billing>=11")))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> AcdPolicy.parse(List.of("-5:")))
        .isInstanceOf(ValidationException.class);
  }
}
