package dev.airlock.cli;

import dev.airlock.run.Topologies;
import dev.airlock.core.problem.Problem;
import dev.airlock.core.topology.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "validate",
        description = {"Check topology files and report every problem, one located line each.",
                "Exit 0 when all are valid (risks are reported but allowed), 2 otherwise."})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Topology files (YAML or JSON).")
    List<Path> files;

    @Option(names = {"-q", "--quiet"}, description = "Print problems only, no summary.")
    boolean quiet;

    @Override
    public Integer call() {
        boolean allValid = true;
        for (Path file : files) {
            Topologies.Checked checked = Topologies.check(file);
            TopologyLoader.printProblems(checked);
            allValid &= !checked.hasErrors();
            if (!quiet) {
                Output.out().println(summary(checked));
            }
        }
        return allValid ? ExitCode.OK : ExitCode.INVALID_INPUT;
    }

    private static String summary(Topologies.Checked c) {
        long errors = c.problems().stream().filter(Problem::isError).count();
        long risks = c.problems().size() - errors;
        if (c.topology() == null || errors > 0) {
            return c.file() + ": invalid, " + plural(errors, "error") + (risks > 0 ? ", " + plural(risks, "risk") : "");
        }
        Topology t = c.topology();
        return c.file() + ": valid (" + plural(t.agents().size(), "agent") + ", " + plural(t.tools().size(), "tool")
                + ", " + plural(t.models().size(), "model") + ", " + plural(t.pipes().size(), "pipe")
                + (risks > 0 ? "; " + plural(risks, "risk") : "") + ")";
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
