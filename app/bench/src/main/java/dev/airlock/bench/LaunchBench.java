package dev.airlock.bench;

import dev.airlock.core.event.EventSink;
import dev.airlock.core.runtime.Sandbox;
import dev.airlock.core.runtime.SandboxRequest;
import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.Topology;
import dev.airlock.run.Compartments;
import dev.airlock.run.Run;
import dev.airlock.run.RunSpec;
import dev.airlock.run.docker.DockerCompartments;
import dev.airlock.run.docker.SandboxImages;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * In one process: the bare locked-down start of the probe image (create + start: the baseline), then the time
 * until every agent of a run said hello to the gate, for 1, 5 and 10 Java agents. Comparing against a baseline
 * measured in the same run keeps the engine's and the host's speed out of the ratios.
 */
public final class LaunchBench {

    public static final int[] AGENTS = {1, 5, 10};

    private final int repeat;
    private final Compartments.Progress progress;

    /** What was measured; {@code readyMs[i]} holds the repetitions for {@code AGENTS[i]} agents. */
    public record Result(String engine, String pipeMode, double[] bareMs, double[][] readyMs) {

        public double bareMedianMs() {
            return median(bareMs);
        }

        public double readyMedian(int i) {
            return median(readyMs[i]);
        }
    }

    public LaunchBench(int repeat, Compartments.Progress progress) {
        this.repeat = repeat;
        this.progress = progress;
    }

    public Result run() throws Exception {
        SandboxImages.build(Set.of(SandboxImages.PROBE, SandboxImages.AGENT_JAVA), progress);
        try (Compartments compartments = DockerCompartments.factory(Duration.ZERO).open(EventSink.NONE)) {
            compartments.reapLeftovers();
            double[] bare = bareStarts(compartments);
            double[][] ready = new double[AGENTS.length][];
            for (int i = 0; i < AGENTS.length; i++) {
                ready[i] = allReady(AGENTS[i]);
            }
            var engine = compartments.runtime().engine();
            return new Result(engine.name() + " " + engine.version(),
                    engine.pipeMode().name().toLowerCase(Locale.ROOT), bare, ready);
        }
    }

    /** create + start of a locked-down probe container, until the engine reports it running. */
    private double[] bareStarts(Compartments compartments) {
        double[] ms = new double[repeat];
        for (int i = -1; i < repeat; i++) {
            SandboxRequest request = new SandboxRequest("bench", "bare", SandboxImages.PROBE, List.of("sleep", "30"),
                    Map.of(), null, null, null);
            long begin = System.nanoTime();
            Sandbox sandbox = compartments.runtime().launch(request);
            double took = (System.nanoTime() - begin) / 1e6;
            sandbox.stop(Duration.ZERO);
            sandbox.close();
            if (i >= 0) {
                ms[i] = took;
            }
        }
        return ms;
    }

    /** From start to every agent's hello accepted by the gate, for {@code n} echo agents. */
    private double[] allReady(int n) throws Exception {
        List<AgentSpec> agents = IntStream.range(0, n)
                .mapToObj(i -> AgentSpec.named("a" + i).withImage(SandboxImages.AGENT_JAVA)).toList();
        List<PipeSpec> pipes = new ArrayList<>();
        agents.forEach(a -> pipes.add(PipeSpec.between("user", a.id())));
        Topology topology = Topology.empty("bench-launch-" + n).withAgents(agents).withPipes(pipes);
        RunSpec spec = RunSpec.of(topology, Path.of(".")).withReadyTimeout(Duration.ofSeconds(60))
                .withStatsInterval(Duration.ZERO).withGrace(Duration.ofSeconds(1)).withProgress(progress);
        double[] ms = new double[repeat];
        for (int i = -1; i < repeat; i++) {
            try (Run run = Run.open(spec, DockerCompartments.factory(spec.statsInterval()))) {
                long begin = System.nanoTime();
                run.start().get(120, TimeUnit.SECONDS);
                double took = (System.nanoTime() - begin) / 1e6;
                if (i >= 0) {
                    ms[i] = took;
                }
            }
        }
        return ms;
    }

    public static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
