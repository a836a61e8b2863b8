package dev.airlock.run;

import dev.airlock.core.event.SandboxOutput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutputRedactionTest {

    private static SandboxOutput line(String text) {
        return new SandboxOutput(1, 2, "run", "agent", true, text);
    }

    @Test
    void secretsAndPersonalDataAnAgentPrintsAreMaskedPlainOrObfuscated() {
        assertThat(OutputRedaction.redact(line("using key AKIAIOSFODNN7EXAMPLE for s3")).line())
                .isEqualTo("using key [REDACTED:aws-access-key] for s3");
        assertThat(OutputRedaction.redact(line("customer ssn 4 1 1 - 2 2 - 3 3 3 3 loaded")).line())
                .doesNotContain("4 1 1", "3 3 3 3").contains("***-**-3333");
    }

    @Test
    void ordinaryOutputIsTheSameEvent() {
        SandboxOutput o = line("connected to gate, version 2.14.3, 12 tools");
        assertThat(OutputRedaction.redact(o)).isSameAs(o);
    }
}
