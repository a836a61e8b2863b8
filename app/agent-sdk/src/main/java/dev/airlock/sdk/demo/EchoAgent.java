package dev.airlock.sdk.demo;

import dev.airlock.sdk.Agent;
import dev.airlock.sdk.Delivery;

import java.io.IOException;
import java.time.Duration;

/** The default program of {@code airlock/agent-java}: answers every message with its text, to whoever sent it. */
public final class EchoAgent {

    private EchoAgent() {
    }

    public static void main(String[] args) throws IOException {
        try (Agent agent = Agent.connect()) {
            agent.log("info", "echo agent " + agent.id() + " ready");
            while (true) {
                answer(agent, agent.receive(Duration.ofMinutes(10)));
            }
        }
    }

    static void answer(Agent agent, Delivery d) throws IOException {
        if (d != null) {
            agent.send(d.from(), d.kind(), ("echo: " + d.text()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
