package dev.airlock.run;

import dev.airlock.core.problem.Problem;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.LoadResult;
import dev.airlock.core.topology.io.TopologyReader;
import dev.airlock.core.validation.Catalog;
import dev.airlock.core.validation.TopologyValidator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and validates topology files against what is installed, the same way for every caller. */
public final class Topologies {

    private Topologies() {
    }

    /** A topology with its problems in file order; {@code topology} is null when the file could not be read. */
    public record Checked(Path file, Topology topology, List<Problem> problems) {

        public boolean hasErrors() {
            return topology == null || problems.stream().anyMatch(Problem::isError);
        }

        public long errorCount() {
            return problems.stream().filter(Problem::isError).count();
        }
    }

    public static Checked check(Path file) {
        LoadResult loaded = TopologyReader.read(file);
        List<Problem> problems = new ArrayList<>(loaded.problems());
        if (loaded.topology() != null) {
            problems.addAll(new TopologyValidator(Catalog.installed()).validate(loaded.topology(), loaded.sources()));
        }
        return new Checked(file, loaded.topology(), TopologyValidator.inFileOrder(problems));
    }

    /** A runnable topology, or a {@link RunException} naming the first error and how many there are. */
    public static Topology loadValid(Path file) {
        Checked checked = check(file);
        if (checked.hasErrors()) {
            String first = checked.problems().stream().filter(Problem::isError).findFirst().map(Problem::format)
                    .orElse(file + ": cannot be read");
            long errors = Math.max(1, checked.errorCount());
            throw new RunException(first + (errors > 1 ? " (and " + (errors - 1) + " more)" : ""));
        }
        return checked.topology();
    }
}
