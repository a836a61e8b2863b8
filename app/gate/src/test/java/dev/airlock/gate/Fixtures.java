package dev.airlock.gate;

import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.LoadResult;
import dev.airlock.core.topology.io.TopologyReader;

import java.nio.charset.StandardCharsets;

/** Topologies the gate tests share, written as users write them. */
final class Fixtures {

    static final String YAML = """
            apiVersion: airlock.dev/v1alpha1
            kind: Topology
            metadata: {name: gate-test}
            user: {id: alice}
            defaults:
              rate: {perSecond: 200, burst: 50}
              guardrails: [pii, secrets]
            models:
              - id: llm
                backend: scripted
                credential: {env: LLM_API_KEY}
            tools:
              - id: notes
                description: Private notes.
                type: files
              - id: web
                description: Fetches allowlisted pages.
                type: http.fetch
                allow: [docs.airlock.test]
              - id: mailer
                description: Sends mail.
                type: mcp
                image: airlock/mcp-mail
                approval: required
            agents:
              - id: planner
                image: airlock/agent-java
                models: [llm]
                tools: [notes]
              - id: researcher
                image: airlock/agent-java
                tools: [web]
              - id: writer
                image: airlock/agent-java
                tools: [mailer/send_email]
              - id: flooder
                image: airlock/agent-java
            pipes:
              - from: alice
                to: planner
                direction: both
              - from: planner
                to: researcher
                direction: both
                kinds: [task, findings]
              - from: researcher
                to: writer
                kinds: [findings]
                guardrails: [pii, secrets, prompt-injection]
              - from: writer
                to: alice
                kinds: [answer]
              - from: flooder
                to: alice
                rate: {perSecond: 5, burst: 5}
            guardrails:
              - id: codename
                pattern: "(?i)\\\\bproject bluebird\\\\b"
                action: block
            """;

    private Fixtures() {
    }

    static Topology topology() {
        return parse(YAML);
    }

    static Topology parse(String yaml) {
        LoadResult r = TopologyReader.parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        if (r.topology() == null || r.problems().stream().anyMatch(p -> p.isError())) {
            throw new IllegalStateException("fixture does not load: " + r.problems());
        }
        return r.topology();
    }
}
