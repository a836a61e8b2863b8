package dev.airlock.cli;

import dev.airlock.core.model.ModelBackends;
import dev.airlock.core.problem.Problem;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.LoadResult;
import dev.airlock.core.topology.io.TopologyReader;
import dev.airlock.core.validation.Catalog;
import dev.airlock.core.validation.TopologyValidator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and validates a topology the same way for every command, so they all report problems alike. */
public final class TopologyLoader {

    private TopologyLoader() {
    }

    /** A topology with its problems; {@code topology} is null when the file could not be read at all. */
    public record Checked(Path file, Topology topology, List<Problem> problems) {

        public boolean hasErrors() {
            return topology == null || problems.stream().anyMatch(Problem::isError);
        }

        public void printProblems() {
            problems.forEach(p -> Output.err().println(p.format()));
        }
    }

    /** What this installation can run: the model backends found on the class path and the built-in guardrails. */
    public static Catalog installedCatalog() {
        return new Catalog(ModelBackends.installed().names(), Catalog.BUILTIN_GUARDRAILS);
    }

    public static Checked check(Path file) {
        LoadResult loaded = TopologyReader.read(file);
        List<Problem> problems = new ArrayList<>(loaded.problems());
        if (loaded.topology() != null) {
            problems.addAll(new TopologyValidator(installedCatalog()).validate(loaded.topology(), loaded.sources()));
        }
        return new Checked(file, loaded.topology(), TopologyValidator.inFileOrder(problems));
    }

    /** For commands that need a runnable topology: prints every problem and fails with one summary line. */
    public static Topology loadValid(Path file) {
        Checked checked = check(file);
        checked.printProblems();
        if (checked.hasErrors()) {
            long errors = checked.problems().stream().filter(Problem::isError).count();
            throw new UserError(file + ": " + errors + (errors == 1 ? " error" : " errors") + "; nothing was started");
        }
        return checked.topology();
    }
}
