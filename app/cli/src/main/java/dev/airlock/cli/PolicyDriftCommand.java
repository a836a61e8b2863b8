package dev.airlock.cli;

import dev.airlock.run.drift.Allowance;
import dev.airlock.run.drift.Drift;
import dev.airlock.run.drift.PolicyDrift;
import dev.airlock.run.drift.Refusal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "drift",
        description = {"Observed versus desired: every attempt of a recorded run that the topology refused, grouped "
                + "by agent and rule, and every pipe, tool scope, model scope and egress allowlist entry the run "
                + "never used.",
                "Exit 0 when there is no drift, 3 when there is, 2 for bad input (including events recorded from "
                        + "another topology)."})
final class PolicyDriftCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "EVENTS.jsonl", description = "Events written by 'airlock run --events'.")
    Path events;

    @Parameters(index = "1", paramLabel = "FILE", description = "The topology the run was recorded with.")
    Path file;

    @Override
    public Integer call() {
        Drift drift = PolicyDrift.of(file, TopologyLoader.loadValid(file), events).drift();
        PrintStream out = Output.out();
        if (!drift.refusals().isEmpty()) {
            out.println("Refused: attempts the topology does not allow, by agent and rule");
            for (Refusal r : drift.refusals()) {
                out.printf(Locale.ROOT, "  %-16s %-28s %4d x  %s  (first: %s:%d)%n", r.agent(), r.rule(), r.count(),
                        String.join(", ", r.targets()), events, r.firstLine());
            }
        }
        if (!drift.unused().isEmpty()) {
            out.println("Never used: allowed, but the run did not need it");
            for (Allowance a : drift.unused()) {
                out.printf(Locale.ROOT, "  %-12s %-36s %s%s%n", a.kind().text(), a.describe(), a.location(),
                        a.removable() ? "" : "  (suggest cuts the tool's scopes instead)");
            }
        }
        drift.notes().forEach(n -> out.println("Note: " + n));
        long attempts = drift.refusals().stream().mapToLong(Refusal::count).sum();
        out.println(drift.none() ? "No drift: nothing refused, everything allowed was used"
                : "Drift: " + plural(attempts, "attempt") + " refused in " + plural(drift.refusals().size(),
                        "group") + ", " + plural(drift.unused().size(), "allowance") + " never used");
        return drift.none() ? ExitCode.OK : ExitCode.FINDINGS;
    }

    private static String plural(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
