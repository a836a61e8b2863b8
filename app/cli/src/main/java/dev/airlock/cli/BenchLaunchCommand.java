package dev.airlock.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.bench.LaunchBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "launch",
        description = {"In one run: the bare locked-down start of the probe image (create + start, the baseline), "
                + "then the time until all agents are ready (their hello reached the gate) for 1, 5 and 10 Java "
                + "agents, each started through the gate and the full hardening profile.",
                "Prints medians and the ratios to the baseline. Targets: 1 agent <= 1.3x the bare start; "
                        + "10 agents <= 2.5 s on a 2-core machine."})
final class BenchLaunchCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int[] AGENTS = LaunchBench.AGENTS;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3",
            description = "Timed repetitions of each measurement after one warm-up (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1 || repeat > 20) {
            throw new UserError("--repeat must be between 1 and 20, got " + repeat);
        }
        LaunchBench.Result r = new LaunchBench(repeat, line -> Output.err().println("airlock: " + line)).run();
        if (json) {
            Output.out().println(JSON.writeValueAsString(toJson(r)));
        } else {
            print(r);
        }
        return ExitCode.OK;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private ObjectNode toJson(LaunchBench.Result r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("engine", r.engine());
        root.put("pipe_mode", r.pipeMode());
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

    private void print(LaunchBench.Result r) {
        var out = Output.out();
        out.printf(Locale.ROOT, "bare locked-down start (probe image)   %8.1f ms   (median of %d)%n",
                r.bareMedianMs(), repeat);
        for (int i = 0; i < AGENTS.length; i++) {
            out.printf(Locale.ROOT, "%2d agent%s ready through the gate      %8.1f ms   %.2fx the bare start%n",
                    AGENTS[i], AGENTS[i] == 1 ? " " : "s", r.readyMedian(i), r.readyMedian(i) / r.bareMedianMs());
        }
    }
}
