package dev.airlock.cli;

import dev.airlock.run.doctor.Check;
import dev.airlock.run.doctor.Doctor;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "doctor", description = {"Check what runs and the workbench need from this machine: Java, the "
        + "container engine and the limits it enforces, the sandbox images, the pipe directory, a display, plugins.",
        "Each check passes or says what to run to fix it. Exit 0 when none fails (warnings are advice), 3 otherwise."})
final class DoctorCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        List<Check> checks = Doctor.ofThisProcess().checks();
        PrintStream out = Output.out();
        for (Check c : checks) {
            out.printf("%s %-8s %s%n", mark(c.status()), c.name(), c.detail());
            if (!c.fix().isEmpty()) {
                out.printf("  %-8s fix: %s%n", "", c.fix());
            }
        }
        long failed = checks.stream().filter(c -> c.status() == Check.Status.FAIL).count();
        long warned = checks.stream().filter(c -> c.status() == Check.Status.WARN).count();
        out.printf("%n%d checks: %d failed, %d %s%n", checks.size(), failed, warned, warned == 1 ? "warning" : "warnings");
        return failed == 0 ? ExitCode.OK : ExitCode.FINDINGS;
    }

    private static String mark(Check.Status status) {
        return switch (status) {
            case PASS -> "ok  ";
            case WARN -> "warn";
            case FAIL -> "FAIL";
        };
    }
}
