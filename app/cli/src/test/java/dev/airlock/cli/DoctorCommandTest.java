package dev.airlock.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code airlock doctor} on this machine, which CI sets up the way the README asks a user to. */
class DoctorCommandTest {

    @Test
    void aHealthyMachinePassesEveryCheckThatCanFail() {
        ProbeCommandTest.requireEngine();
        CliRun run = CliRun.of("doctor");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("ok   java", "ok   engine", "ok   limits", "ok   pipes", "ok   plugins")
                .contains("0 failed").doesNotContain("FAIL");
    }
}
