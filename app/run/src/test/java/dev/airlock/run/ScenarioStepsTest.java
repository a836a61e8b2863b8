package dev.airlock.run;

import dev.airlock.core.event.GateAction;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.TopologyReader;
import dev.airlock.run.expect.DecisionMatcher;
import dev.airlock.run.expect.Expectations;
import dev.airlock.run.scenario.Scenario;
import dev.airlock.run.scenario.ScenarioSteps;
import dev.airlock.sdk.Agent;
import dev.airlock.sdk.Delivery;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A scenario taken a step at a time against a real run (agents as threads on the real gate): each step does its
 * action when asked and no sooner, and says what the gate decided.
 */
class ScenarioStepsTest {

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

    private static final Map<String, ThreadCompartments.Program> PROGRAMS = Map.of("echo", ScenarioStepsTest::echo);

    private static void echo(Agent agent) throws Exception {
        while (!Thread.currentThread().isInterrupted()) {
            Delivery d = agent.receive(Duration.ofSeconds(30));
            if (d != null) {
                agent.send("alice", d.kind(), d.body());
            }
        }
    }

    private static Scenario.Step step(String say, Expectations.Message send, DecisionMatcher await, Duration within) {
        return new Scenario.Step(say, send, await, within, null, null);
    }

    @Test
    void eachNextDoesOneStepAndSaysWhatTheGateDecided() throws Exception {
        DecisionMatcher answer = new DecisionMatcher("echo", "send", "alice", null, GateAction.DELIVER, null, null);
        DecisionMatcher never = new DecisionMatcher("echo", "send", "bob", null, null, null, null);
        Scenario scenario = new Scenario("echoes", List.of(
                step("Say hello.", new Expectations.Message("echo", null, "hello"), null, Duration.ofSeconds(30)),
                step("It answers.", null, answer, Duration.ofSeconds(30)),
                step("It never writes to bob.", null, never, Duration.ofMillis(200))));
        ScenarioSteps steps = new ScenarioSteps(scenario, ECHO, Path.of("."), null);
        List<String> toUser = new ArrayList<>();

        try (Run run = Run.open(RunSpec.of(ECHO, Path.of(".")), ThreadCompartments.of(PROGRAMS))) {
            run.events().subscribe("steps", 1024, steps::publish);
            run.onUserDelivery(m -> {
                synchronized (toUser) {
                    toUser.add(m.text());
                }
            });
            run.start().get(30, TimeUnit.SECONDS);
            assertThat(steps.done()).isZero();

            List<String> streamed = new ArrayList<>();
            ScenarioSteps.Outcome first = steps.next(run, streamed::add);
            assertThat(first.number()).isEqualTo(1);
            assertThat(first.total()).isEqualTo(3);
            assertThat(first.step().say()).isEqualTo("Say hello.");
            assertThat(first.lines()).containsExactly("  you -> echo: deliver");
            assertThat(streamed).isEqualTo(first.lines());

            ScenarioSteps.Outcome second = steps.next(run);
            assertThat(second.met()).isTrue();
            assertThat(second.lines()).containsExactly("  gate: echo send -> alice: deliver");

            ScenarioSteps.Outcome third = steps.next(run);
            assertThat(third.met()).isFalse();
            assertThat(third.lines()).singleElement().asString().startsWith("  not seen within 0 s: ");
            assertThat(steps.hasNext()).isFalse();
            assertThatThrownBy(() -> steps.next(run)).isInstanceOf(IllegalStateException.class);
        }
        synchronized (toUser) {
            assertThat(toUser).containsExactly("hello");
        }
    }

    @Test
    void aToggleWithoutACaptureSaysSoInsteadOfFailing() throws Exception {
        Scenario scenario = new Scenario("what if", List.of(new Scenario.Step("Switch it off.", null, null,
                Duration.ofSeconds(1), new Scenario.Toggle("pii", dev.airlock.core.topology.GuardrailSpec.Action.ALLOW),
                null)));
        ScenarioSteps steps = new ScenarioSteps(scenario, ECHO, Path.of("."), null);
        try (Run run = Run.open(RunSpec.of(ECHO, Path.of(".")), ThreadCompartments.of(PROGRAMS))) {
            assertThat(steps.next(run).lines()).containsExactly(
                    "  cannot replay with pii set to allow: this run keeps no capture");
        }
    }
}
