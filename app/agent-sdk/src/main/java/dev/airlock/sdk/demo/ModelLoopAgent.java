package dev.airlock.sdk.demo;

import dev.airlock.sdk.Agent;
import dev.airlock.sdk.Delivery;
import dev.airlock.sdk.GateException;
import dev.airlock.sdk.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The usual shape of an LLM agent, for samples and workshops: for each message, ask the model; run the tool calls
 * it asks for through the gate and show it the results; when it answers in plain text, pass that on. All
 * behaviour comes from the model, so a scripted model makes a run repeatable, and a refusal by the gate is shown
 * to the model as a tool result, as a real framework would.
 *
 * <p>Arguments: {@code --model ID} (default: the first model in scope), {@code --system TEXT},
 * {@code --forward AGENT} (default: answer the sender), {@code --kind KIND} (default: the kind received),
 * {@code --max-turns N} (default 5).
 */
public final class ModelLoopAgent {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final Agent agent;
    private final String model;
    private final String system;
    private final String forward;
    private final String kind;
    private final int maxTurns;

    private ModelLoopAgent(Agent agent, Map<String, String> options) {
        this.agent = agent;
        this.model = options.getOrDefault("model", agent.models().isEmpty() ? "" : agent.models().get(0));
        this.system = options.get("system");
        this.forward = options.get("forward");
        this.kind = options.get("kind");
        this.maxTurns = Integer.parseInt(options.getOrDefault("max-turns", "5"));
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        try (Agent agent = Agent.connect()) {
            ModelLoopAgent loop = new ModelLoopAgent(agent, options);
            agent.log("info", "model loop agent " + agent.id() + " ready (model " + loop.model + ")");
            while (true) {
                Delivery d = agent.receive(Duration.ofMinutes(10));
                if (d != null) {
                    loop.handle(d);
                }
            }
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            out.put(args[i].substring(2), args[i + 1]);
        }
        return out;
    }

    private void handle(Delivery d) throws IOException {
        List<Object> messages = new ArrayList<>();
        if (system != null) {
            messages.add(message("system", system));
        }
        messages.add(message("user", d.text()));
        String answer = "";
        for (int turn = 1; turn <= maxTurns; turn++) {
            Map<?, ?> result;
            try {
                result = (Map<?, ?>) Json.read(agent.ask(model, Json.write(Map.of("messages", messages)), CALL_TIMEOUT));
            } catch (GateException e) {
                agent.log("warn", "model request refused: " + e.getMessage());
                return;
            }
            answer = String.valueOf(result.get("content") == null ? "" : result.get("content"));
            List<?> calls = result.get("tool_calls") instanceof List<?> l ? l : List.of();
            if (calls.isEmpty()) {
                break;
            }
            messages.add(message("assistant", answer));
            for (Object c : calls) {
                Map<?, ?> call = (Map<?, ?>) c;
                messages.add(message("tool", runTool(String.valueOf(call.get("name")),
                        String.valueOf(call.get("arguments")))));
            }
        }
        String to = forward != null ? forward : d.from();
        agent.send(to, kind != null ? kind : d.kind(), answer.getBytes(StandardCharsets.UTF_8));
    }

    private String runTool(String name, String arguments) throws IOException {
        try {
            return agent.callTool(name, arguments, CALL_TIMEOUT);
        } catch (GateException e) {
            agent.log("warn", "tool " + name + " refused: " + e.getMessage());
            return "the gate refused this call: " + e.getMessage();
        }
    }

    private static Map<String, Object> message(String role, String content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        return m;
    }
}
