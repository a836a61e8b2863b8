package dev.airlock.run;

import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.TopologyReader;
import dev.airlock.sdk.Delivery;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Several parts of a window listen to what agents say to the user: each hears every delivery. */
class UserDeliveryListenersTest {

    private static final Topology ECHO = TopologyReader.parse("echo.yaml", """
            apiVersion: airlock.dev/v1alpha1
            kind: Topology
            metadata: {name: echo}
            user: {id: alice}
            agents:
              - {id: echo, image: thread}
            pipes:
              - {from: alice, to: echo}
              - {from: echo, to: alice}
            """.getBytes(StandardCharsets.UTF_8)).topology();

    @Test
    void everyListenerHearsEveryDelivery() throws Exception {
        Map<String, ThreadCompartments.Program> programs = Map.of("echo", agent -> {
            while (!Thread.currentThread().isInterrupted()) {
                Delivery d = agent.receive(Duration.ofSeconds(30));
                if (d != null) {
                    agent.send("alice", d.kind(), d.body());
                }
            }
        });
        LinkedBlockingQueue<String> first = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> second = new LinkedBlockingQueue<>();
        try (Run run = Run.open(RunSpec.of(ECHO, Path.of(".")), ThreadCompartments.of(programs))) {
            run.onUserDelivery(m -> first.add(m.from() + ": " + m.text()));
            run.onUserDelivery(m -> second.add(m.from() + ": " + m.text()));
            run.start().get(30, TimeUnit.SECONDS);
            run.send("echo", "message", "one");
            run.send("echo", "message", "two");
            for (LinkedBlockingQueue<String> heard : List.of(first, second)) {
                assertThat(heard.poll(30, TimeUnit.SECONDS)).isEqualTo("echo: one");
                assertThat(heard.poll(30, TimeUnit.SECONDS)).isEqualTo("echo: two");
            }
        }
    }
}
