package dev.airlock.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.bench.GateBench;
import dev.airlock.bench.RelayResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "gate",
        description = {"Relay messages between two agents over Unix sockets three ways in one run: raw (bytes "
                + "forwarded, no parsing or policy), policy (the gate with content guardrails off) and full (the gate "
                + "with the default guardrails), at 256 B, 4 KiB and 64 KiB.",
                "Prints p50/p99 one-way latency, messages per second and the ratios."})
final class BenchGateCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--messages", paramLabel = "N",
            description = "Messages timed per relay and size for throughput (default: ${DEFAULT-VALUE}); latency uses "
                    + "N/6, and 64 KiB uses N/8.", defaultValue = "18000")
    int messages;

    @Override
    public Integer call() throws Exception {
        if (messages < 60) {
            throw new UserError("--messages must be at least 60, got " + messages);
        }
        GateBench.Config config = new GateBench.Config(messages / 6, messages, messages / 6);
        List<RelayResult> results = new GateBench(config).run();
        int cpus = Runtime.getRuntime().availableProcessors();
        boolean sharedCore = cpus == 1;
        if (json) {
            Output.out().println(JSON.writeValueAsString(toJson(results, cpus, sharedCore)));
        } else {
            printTable(results, cpus, sharedCore);
        }
        return ExitCode.OK;
    }

    static ObjectNode toJson(List<RelayResult> results, int cpus, boolean sharedCore) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode rows = root.putArray("results");
        ArrayNode ratios = root.putArray("ratios");
        for (int size : GateBench.SIZES) {
            ObjectNode row = rows.addObject();
            row.put("payload_bytes", size);
            for (String relay : GateBench.RELAYS) {
                RelayResult r = find(results, relay, size);
                row.put(relay + "_p50_us", round(r.p50Micros()));
                row.put(relay + "_p99_us", round(r.p99Micros()));
                row.put(relay + "_msgs_per_s", Math.round(r.msgsPerSecond()));
            }
            RelayResult raw = find(results, "raw", size);
            RelayResult policy = find(results, "policy", size);
            RelayResult full = find(results, "full", size);
            ObjectNode ratio = ratios.addObject();
            ratio.put("payload_bytes", size);
            ratio.put("policy_vs_raw_p50", round(policy.p50Micros() / raw.p50Micros()));
            ratio.put("policy_vs_raw_p99", round(policy.p99Micros() / raw.p99Micros()));
            ratio.put("policy_vs_raw_throughput", round(policy.throughputVs(raw)));
            ratio.put("full_vs_policy_throughput", round(full.throughputVs(policy)));
            ratio.put("full_vs_raw_p50", round(full.p50Micros() / raw.p50Micros()));
        }
        root.put("transport", "unix");
        root.put("cpus", cpus);
        root.put("shared_core", sharedCore);
        root.put("note", sharedCore ? "one CPU: sender, gate and receiver shared a core"
                : "threads were not pinned: sender, gate and receiver could run on different cores, so wake-ups "
                + "may cross cores");
        return root;
    }

    private void printTable(List<RelayResult> results, int cpus, boolean sharedCore) {
        Output.out().println("Gate relay over Unix sockets, one-way latency (one message in flight) and pipelined "
                + "throughput");
        Output.out().printf(Locale.ROOT, "%-8s %-7s %10s %10s %12s%n", "payload", "relay", "p50 µs", "p99 µs",
                "msgs/s");
        for (int size : GateBench.SIZES) {
            for (String relay : GateBench.RELAYS) {
                RelayResult r = find(results, relay, size);
                Output.out().printf(Locale.ROOT, "%-8s %-7s %10.1f %10.1f %12.0f%n", label(size), relay,
                        r.p50Micros(), r.p99Micros(), r.msgsPerSecond());
            }
        }
        Output.out().println();
        Output.out().println("Ratios (policy vs raw: p50, p99, throughput; full vs policy: throughput; throughput "
                + "ratios are the median of per-round ratios)");
        for (int size : GateBench.SIZES) {
            RelayResult raw = find(results, "raw", size);
            RelayResult policy = find(results, "policy", size);
            RelayResult full = find(results, "full", size);
            Output.out().printf(Locale.ROOT, "%-8s p50 %.2fx  p99 %.2fx  throughput %.2fx  |  full/policy "
                            + "throughput %.2fx%n", label(size), policy.p50Micros() / raw.p50Micros(),
                    policy.p99Micros() / raw.p99Micros(), policy.throughputVs(raw), full.throughputVs(policy));
        }
        Output.out().println();
        Output.out().println(sharedCore ? "Both ends shared a core (1 CPU)."
                : "Both ends did not necessarily share a core: " + cpus + " CPUs, threads not pinned.");
    }

    private static String label(int size) {
        return size >= 1024 ? size / 1024 + " KiB" : size + " B";
    }

    private static RelayResult find(List<RelayResult> results, String relay, int size) {
        return results.stream().filter(r -> r.relay().equals(relay) && r.payloadBytes() == size).findFirst()
                .orElseThrow();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
