package dev.airlock.desktop;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpServer;
import dev.airlock.core.topology.Topology;
import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.desktop.live.LiveFeed;
import dev.airlock.desktop.live.LiveRun;
import dev.airlock.run.Topologies;
import dev.airlock.run.expect.ExpectationsReader;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run pressed in the workbench, with the standard OTLP variable set, sends its spans like {@code airlock run}: to
 * a receiver on loopback, decoded here with the protocol's own messages, the refused mail call among them.
 */
class LiveRunTraceTest {

    private static final Path SAMPLE = Path.of("..", "..", "samples", "research-assistant",
            "research-assistant.yaml");

    @BeforeAll
    static void toolkit() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
    }

    @Test
    void aRunFromTheDrawingSendsItsDecisionSpansToTheOtlpReceiver() throws Exception {
        LiveRunFxTest.requireDocker();
        List<ExportTraceServiceRequest> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                received.add(ExportTraceServiceRequest.parseFrom(body.readAllBytes()));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("OTEL_"));
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + receiver.getAddress().getPort());
        Topology topology = Topologies.loadValid(SAMPLE);
        CompletableFuture<String> stopped = new CompletableFuture<>();
        LiveRun run = new LiveRun(new FxBridge(), env);
        LiveRun.Listener listener = new LiveRun.Listener() {
            @Override
            public void phase(LiveRun.Phase phase, String message) {
                if (phase == LiveRun.Phase.IDLE) {
                    stopped.complete(message);
                }
            }

            @Override
            public void progress(String line) {
            }

            @Override
            public void batch(LiveFeed.Batch batch) {
            }

            @Override
            public void failed(String message) {
                stopped.complete("failed: " + message);
            }
        };
        try {
            run.start(topology, SAMPLE.getParent(), request -> true, listener);
            Path expected = SAMPLE.resolveSibling("research-assistant.expected.yaml");
            assertThat(run.settle(ExpectationsReader.read(expected)).get(3, TimeUnit.MINUTES))
                    .as("the sample's expectations").isTrue();
            run.stop(listener);
            assertThat(stopped.get(2, TimeUnit.MINUTES)).isEqualTo("Stopped; nothing left behind");
        } finally {
            run.stopNow();
            receiver.stop(0);
        }

        List<Span> spans = received.stream().flatMap(r -> r.getResourceSpansList().stream())
                .flatMap(rs -> rs.getScopeSpansList().stream()).flatMap(ss -> ss.getSpansList().stream()).toList();
        Map<ByteString, Span> byId = spans.stream().collect(Collectors.toMap(Span::getSpanId, s -> s));
        Span refused = spans.stream().filter(s -> s.getName().equals("gate.decision tool.call")
                && "mailer/send_email".equals(attributes(s).get("airlock.target"))).findFirst().orElseThrow();
        assertThat(attributes(refused)).containsEntry("airlock.rule", "scope.tool")
                .containsEntry("airlock.verdict", "block").containsEntry("airlock.agent", "researcher");
        Span root = refused;
        while (!root.getParentSpanId().isEmpty()) {
            root = byId.get(root.getParentSpanId());
            assertThat(root).as("every parent of the refusal's span was sent").isNotNull();
        }
        assertThat(root.getName()).as("the refusal belongs to alice's request").isEqualTo("airlock.request");
    }

    private static Map<String, String> attributes(Span span) {
        return span.getAttributesList().stream().collect(Collectors.toMap(KeyValue::getKey,
                kv -> kv.getValue().getStringValue(), (a, b) -> a));
    }
}
