package dev.airlock.core.topology.io;

import dev.airlock.core.problem.Problem;
import dev.airlock.core.topology.Topology;

import java.util.List;
import java.util.Optional;

/**
 * What reading a file gave: the topology as far as it could be bound (absent when the document itself was
 * unreadable), the problems of form found on the way, and where everything was written.
 */
public record LoadResult(Topology topology, List<Problem> problems, SourceMap sources) {

    public LoadResult {
        problems = List.copyOf(problems);
    }

    static LoadResult failed(String file, Problem problem) {
        return new LoadResult(null, List.of(problem), SourceMap.none(file));
    }

    public Optional<Topology> topologyIfReadable() {
        return Optional.ofNullable(topology);
    }
}
