package dev.airlock.run.trace;

import dev.airlock.core.event.GateAction;
import dev.airlock.core.event.GateDecision;
import dev.airlock.core.topology.Topology;
import dev.airlock.run.Topologies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Where spans go, from the standard OTLP variables and {@code --trace}; nothing asked for, no tracer. */
class TraceExportTest {

    @Test
    void theTracesEndpointIsUsedAsIsAndWinsOverTheBase() {
        assertThat(TraceExport.endpoint(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://127.0.0.1:4318/x",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9999"))).contains("http://127.0.0.1:4318/x");
    }

    @Test
    void theBaseEndpointGetsTheTracesPath() {
        assertThat(TraceExport.endpoint(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318/")))
                .contains("http://127.0.0.1:4318/v1/traces");
        assertThat(TraceExport.endpoint(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318")))
                .contains("http://127.0.0.1:4318/v1/traces");
    }

    @Test
    void spansNoReceiverTookAreOneLineAtTheEnd() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        Topology topology = Topologies.loadValid(Path.of("../../samples/research-assistant/research-assistant.yaml"));
        RunTracer tracer = RunTracer.open(topology, Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + port),
                null).orElseThrow();
        tracer.publish(new GateDecision(0, System.currentTimeMillis(), "alice", "send", "planner", "", "",
                GateAction.DELIVER, "", "", List.of(), 1, 1, 1_000, 0, 0));
        tracer.close();

        assertThat(tracer.unsent()).contains("2 spans could not be sent to http://127.0.0.1:" + port
                + "/v1/traces (is an OTLP/HTTP receiver there?)");
    }

    @Test
    void withoutAnEndpointOrAFileThereIsNoTracer(@TempDir Path dir) {
        Topology topology = Topologies.loadValid(Path.of("../../samples/research-assistant/research-assistant.yaml"));
        assertThat(RunTracer.open(topology, Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " "), null)).isEmpty();

        Path file = dir.resolve("trace.jsonl");
        RunTracer.open(topology, Map.of(), file).orElseThrow().close();
        assertThat(file).as("an empty run still leaves its (empty) trace file").exists();
        assertThat(dir).isDirectoryContaining(p -> p.equals(file)).satisfies(d -> assertThat(
                Files.list(d).count()).as("no temporary file left").isEqualTo(1));
    }
}
