package dev.airlock.cli;

import dev.airlock.core.problem.Problem;
import dev.airlock.core.topology.Topology;
import dev.airlock.run.Topologies;

import java.nio.file.Path;

/** Reads and validates a topology for a command, printing its problems the same way for every command. */
final class TopologyLoader {

    private TopologyLoader() {
    }

    static void printProblems(Topologies.Checked checked) {
        checked.problems().forEach(p -> Output.err().println(p.format()));
    }

    /** For commands that need a runnable topology: prints every problem and fails with one summary line. */
    static Topology loadValid(Path file) {
        Topologies.Checked checked = Topologies.check(file);
        printProblems(checked);
        if (checked.hasErrors()) {
            long errors = checked.problems().stream().filter(Problem::isError).count();
            throw new UserError(file + ": " + errors + (errors == 1 ? " error" : " errors") + "; nothing was started");
        }
        return checked.topology();
    }
}
