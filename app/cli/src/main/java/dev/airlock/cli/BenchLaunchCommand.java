package dev.airlock.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.core.runtime.Sandbox;
import dev.airlock.core.runtime.SandboxRequest;
import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.Topology;
import dev.airlock.gate.GateOptions;
import dev.airlock.sandbox.DockerSandboxRuntime;
import dev.airlock.sandbox.images.AgentJavaImage;
import dev.airlock.sandbox.images.ProbeImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

@Command(name = "launch",
        description = {"In one run: the bare locked-down start of the probe image (create + start, the baseline), "
                + "then the time until all agents are ready (their hello reached the gate) for 1, 5 and 10 Java "
                + "agents, each started through the gate and the full hardening profile.",
                "Prints medians and the ratios to the baseline. Targets: 1 agent <= 1.3x the bare start; "
                        + "10 agents <= 2.5 s on a 2-core machine."})
final class BenchLaunchCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int[] AGENTS = {1, 5, 10};

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3",
            description = "Timed repetitions of each measurement after one warm-up (default: ${DEFAULT-VALUE}).")
    int repeat;

    record Result(double bareMedianMs, double[] bareMs, double[][] readyMs) {
        double readyMedian(int i) {
            return median(readyMs[i]);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (repeat < 1 || repeat > 20) {
            throw new UserError("--repeat must be between 1 and 20, got " + repeat);
        }
        try (DockerSandboxRuntime runtime = ProbeCommand.connect(Duration.ZERO)) {
            runtime.reapLeftovers();
            ImagesCommand.ensure(runtime, Set.of(ProbeImage.TAG, AgentJavaImage.TAG));
            double[] bare = bareStarts(runtime);
            double[][] ready = new double[AGENTS.length][];
            for (int i = 0; i < AGENTS.length; i++) {
                ready[i] = allReady(AGENTS[i]);
            }
            Result r = new Result(median(bare), bare, ready);
            if (json) {
                Output.out().println(JSON.writeValueAsString(toJson(r, runtime)));
            } else {
                print(r);
            }
            return ExitCode.OK;
        }
    }

    /** create + start of a locked-down probe container, until the engine reports it running. */
    private double[] bareStarts(DockerSandboxRuntime runtime) {
        double[] ms = new double[repeat];
        for (int i = -1; i < repeat; i++) {
            SandboxRequest request = new SandboxRequest("bench", "bare", ProbeImage.TAG, List.of("sleep", "30"),
                    java.util.Map.of(), null, null, null);
            long begin = System.nanoTime();
            Sandbox sandbox = runtime.launch(request);
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
                .mapToObj(i -> AgentSpec.named("a" + i).withImage(AgentJavaImage.TAG)).toList();
        List<PipeSpec> pipes = new ArrayList<>();
        agents.forEach(a -> pipes.add(PipeSpec.between("user", a.id())));
        Topology topology = Topology.empty("bench-launch-" + n).withAgents(agents).withPipes(pipes);
        double[] ms = new double[repeat];
        for (int i = -1; i < repeat; i++) {
            try (LaunchSession session = LaunchSession.open(topology, new LaunchSession.Options(Path.of("."),
                    GateOptions.builder(), Duration.ofSeconds(60), Duration.ZERO, Duration.ofSeconds(1),
                    line -> Output.err().println("airlock: " + line)), e -> { })) {
                long begin = System.nanoTime();
                session.start().get(120, TimeUnit.SECONDS);
                double took = (System.nanoTime() - begin) / 1e6;
                if (i >= 0) {
                    ms[i] = took;
                }
            }
        }
        return ms;
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private ObjectNode toJson(Result r, DockerSandboxRuntime runtime) {
        ObjectNode root = JSON.createObjectNode();
        root.put("engine", runtime.engine().name() + " " + runtime.engine().version());
        root.put("pipe_mode", runtime.engine().pipeMode().name().toLowerCase(Locale.ROOT));
        root.put("cpus", Runtime.getRuntime().availableProcessors());
        root.put("repeat", repeat);
        root.put("bare_start_ms", round(r.bareMedianMs()));
        ObjectNode ready = root.putObject("all_ready_ms");
        ObjectNode ratio = root.putObject("ratio_to_bare_start");
        for (int i = 0; i < AGENTS.length; i++) {
            ready.put(String.valueOf(AGENTS[i]), round(r.readyMedian(i)));
            ratio.put(String.valueOf(AGENTS[i]), Math.round(r.readyMedian(i) / r.bareMedianMs() * 100) / 100.0);
        }
        ObjectNode targets = root.putObject("targets");
        targets.put("one_agent_ratio_max", 1.3);
        targets.put("one_agent_ratio_met", r.readyMedian(0) / r.bareMedianMs() <= 1.3);
        targets.put("ten_agents_ms_max", 2500);
        targets.put("ten_agents_met", r.readyMedian(AGENTS.length - 1) <= 2500);
        return root;
    }

    private void print(Result r) {
        var out = Output.out();
        out.printf(Locale.ROOT, "bare locked-down start (probe image)   %8.1f ms   (median of %d)%n",
                r.bareMedianMs(), repeat);
        for (int i = 0; i < AGENTS.length; i++) {
            out.printf(Locale.ROOT, "%2d agent%s ready through the gate      %8.1f ms   %.2fx the bare start%n",
                    AGENTS[i], AGENTS[i] == 1 ? " " : "s", r.readyMedian(i), r.readyMedian(i) / r.bareMedianMs());
        }
    }
}
