package dev.airlock.run;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.GateDecision;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.TopologyReader;
import dev.airlock.sdk.Agent;
import dev.airlock.sdk.Delivery;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run engine end to end without Docker: agents are threads on real Unix sockets to the real gate, so
 * readiness, the pipeline's decisions, user delivery, event subscriptions and teardown are all the production code.
 */
class RunEngineTest {

    private static final int MESSAGES = 300;

    /** alice -> relay -> echo -> alice, each hop a declared one-way pipe. */
    private static final Topology RELAY = TopologyReader.parse("relay.yaml", ("""
            apiVersion: airlock.dev/v1alpha1
            kind: Topology
            metadata: {name: relay}
            user: {id: alice}
            defaults: {rate: {perSecond: 100000, burst: 100000}}
            agents:
              - {id: relay, image: thread}
              - {id: echo, image: thread}
            pipes:
              - {from: alice, to: relay}
              - {from: relay, to: echo}
              - {from: echo, to: alice}
            """).getBytes(java.nio.charset.StandardCharsets.UTF_8)).topology();

    private static final Map<String, ThreadCompartments.Program> PROGRAMS = Map.of(
            "relay", agent -> forward(agent, "echo"),
            "echo", agent -> forward(agent, "alice"));

    private static void forward(Agent agent, String to) throws Exception {
        while (!Thread.currentThread().isInterrupted()) {
            Delivery d = agent.receive(Duration.ofSeconds(30));
            if (d != null) {
                agent.send(to, d.kind(), d.body());
            }
        }
    }

    /** What a run decided and delivered, seen by a subscriber that keeps up. */
    private record Outcome(List<String> decisions, int deliveredToUser, long published, long fastDropped) {
    }

    private Outcome relay(Subscriber extra) throws Exception {
        List<String> decisions = new ArrayList<>();
        AtomicInteger toUser = new AtomicInteger();
        CountDownLatch allBack = new CountDownLatch(MESSAGES);
        Subscription fast;
        RunEvents events;
        try (Run run = Run.open(RunSpec.of(RELAY, Path.of(".")), ThreadCompartments.of(PROGRAMS))) {
            events = run.events();
            fast = run.events().subscribe("fast", 1 << 16, e -> record(e, decisions));
            if (extra != null) {
                extra.attach(run.events());
            }
            run.onUserDelivery(m -> {
                toUser.incrementAndGet();
                allBack.countDown();
            });
            run.start().get(30, TimeUnit.SECONDS);
            for (int i = 0; i < MESSAGES; i++) {
                assertThat(run.send("relay", "message", "hello " + i)).satisfies(v -> assertThat(v.passes()).as(v.toString()).isTrue());
            }
            assertThat(allBack.await(60, TimeUnit.SECONDS)).as("every message came back").isTrue();
            // The gate records a delivery's decision after the frame went out, so the user can have the last
            // message before its decision is published: wait for it, or closing the run would race it.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (echoedDecisions(decisions) < MESSAGES && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
        synchronized (decisions) {
            // After close: stopping the agents is part of the run's events too.
            return new Outcome(List.copyOf(decisions.stream().sorted().toList()), toUser.get(), events.published(),
                    fast.dropped());
        }
    }

    private static long echoedDecisions(List<String> decisions) {
        synchronized (decisions) {
            return decisions.stream().filter(d -> d.startsWith("echo send -> alice")).count();
        }
    }

    private static void record(AirlockEvent e, List<String> decisions) {
        if (e instanceof GateDecision d) {
            synchronized (decisions) {
                decisions.add(d.agent() + " " + d.frame() + " -> " + d.target() + ": " + d.action() + " " + d.rule());
            }
        }
    }

    @FunctionalInterface
    private interface Subscriber {
        void attach(RunEvents events);
    }

    @Test
    void agentsAsThreadsRelayEveryMessageThroughTheGate() throws Exception {
        Outcome outcome = relay(null);
        assertThat(outcome.deliveredToUser()).isEqualTo(MESSAGES);
        assertThat(outcome.fastDropped()).isZero();
        assertThat(outcome.decisions()).filteredOn(d -> d.startsWith("relay send -> echo: deliver")).hasSize(MESSAGES);
        assertThat(outcome.decisions()).filteredOn(d -> d.startsWith("echo send -> alice: deliver")).hasSize(MESSAGES);
        assertThat(outcome.decisions()).filteredOn(d -> d.contains(" hello ")).hasSize(2);
    }

    @Test
    void aSlowSubscriberChangesNothingTheGateDoesAndCountsWhatItMissed() throws Exception {
        Outcome baseline = relay(null);
        List<Subscription> slow = new ArrayList<>();
        ConcurrentLinkedQueue<AirlockEvent> seenBySlow = new ConcurrentLinkedQueue<>();
        Outcome withSlow = relay(events -> slow.add(events.subscribe("slow", 8, e -> {
            seenBySlow.add(e);
            try {
                Thread.sleep(5);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        })));

        assertThat(withSlow.deliveredToUser()).isEqualTo(baseline.deliveredToUser()).isEqualTo(MESSAGES);
        assertThat(withSlow.decisions()).isEqualTo(baseline.decisions());
        assertThat(withSlow.fastDropped()).isZero();
        Subscription s = slow.get(0);
        assertThat(s.dropped()).as("the slow subscriber missed events").isPositive();
        assertThat(s.delivered()).isEqualTo(seenBySlow.size());
        assertThat(s.delivered() + s.dropped()).isEqualTo(withSlow.published());
    }

    @Test
    void closingRemovesTheRunDirectory() throws Exception {
        Path dir;
        AtomicReference<Path> base = new AtomicReference<>();
        try (Run run = Run.open(RunSpec.of(RELAY, Path.of(".")), ThreadCompartments.of(PROGRAMS, base::set))) {
            run.start().get(30, TimeUnit.SECONDS);
            dir = findSocketDirectory(base.get());
            assertThat(dir).isNotNull();
        }
        assertThat(dir).doesNotExist();
    }

    /** The run directory carries the owner file the reaper judges by, so a dead run's workspace goes with it. */
    @Test
    void theToolWorkspaceLivesInTheRunDirectoryAndGoesWithIt() throws Exception {
        Path workspace;
        try (Run run = Run.open(RunSpec.of(RELAY, Path.of(".")), ThreadCompartments.of(PROGRAMS))) {
            try (var s = Files.find(Path.of("/tmp"), 3, (p, a) -> a.isDirectory()
                    && p.getFileName().toString().equals(Run.TOOL_WORKSPACE)
                    && p.getParent().getFileName().toString().equals(run.id()))) {
                workspace = s.findFirst().orElse(null);
            }
            assertThat(workspace).as("tools/ in the run directory").isNotNull();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(workspace))).isEqualTo("rwx------");
            try (var tmp = Files.newDirectoryStream(Path.of("/tmp"), "airlock-" + run.id() + "-tools*")) {
                assertThat(tmp).as("no workspace outside the run directory").isEmpty();
            }
        }
        assertThat(workspace).doesNotExist();
    }

    /** Under this run's own base: the gate's warm-up and other runs keep sockets in /tmp too. */
    private static Path findSocketDirectory(Path base) throws Exception {
        try (var s = Files.find(base, 3, (p, a) -> p.getFileName().toString().equals("gate.sock"))) {
            return s.map(Path::getParent).findFirst().orElse(null);
        }
    }
}
