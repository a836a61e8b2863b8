package dev.airlock.bench;

import dev.airlock.core.topology.io.TopologyReader;
import dev.airlock.gate.Pipeline;
import dev.airlock.gate.Verdict;
import dev.airlock.gate.guard.Guardrails;
import dev.airlock.gate.guard.Scan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gate's per-message policy cost without any transport: the pathway/scope decision alone ({@code policy}),
 * the same with the default guardrails ({@code full}), and the guardrail scan by itself, on prose that holds
 * nothing sensitive (the common case) and on prose with a masked SSN every few hundred bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GuardrailsBenchmark {

    private static final String TOPOLOGY = """
            apiVersion: airlock.dev/v1alpha1
            kind: Topology
            metadata: {name: jmh}
            agents:
              - {id: a, image: bench}
              - {id: b, image: bench}
              - {id: c, image: bench}
            pipes:
              - {from: a, to: b, guardrails: []}
              - {from: a, to: c}
            """;

    @Param({"256", "4096", "65536"})
    int size;

    @Param({"clean", "with-pii"})
    String content;

    Pipeline pipeline;
    Guardrails guardrails;
    byte[] body;
    String text;

    @Setup
    public void setUp() {
        var topology = TopologyReader.parse("jmh.yaml", TOPOLOGY.getBytes(StandardCharsets.UTF_8)).topology();
        guardrails = Guardrails.forTopology(topology);
        pipeline = new Pipeline(topology, guardrails, false);
        StringBuilder b = new StringBuilder(size + 32);
        String[] words = {"the", "planner", "asked", "for", "sources", "on", "token", "buckets", "and", "found",
                "version", "2.14.3", "released", "2024-05-17", "with", "12", "fixes", "in", "section", "4.2"};
        int i = 0;
        while (b.length() < size) {
            if (content.equals("with-pii") && i % 60 == 59) {
                b.append("ssn 411-22-3333 ");
            }
            b.append(words[i++ % words.length]).append(' ');
        }
        text = b.substring(0, size);
        body = text.getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public Verdict policy() {
        return pipeline.send("a", "b", "message", body);
    }

    @Benchmark
    public Verdict full() {
        return pipeline.send("a", "c", "message", body);
    }

    @Benchmark
    public Scan scanOnly() {
        return guardrails.scan(text, List.of("pii", "secrets"));
    }
}
