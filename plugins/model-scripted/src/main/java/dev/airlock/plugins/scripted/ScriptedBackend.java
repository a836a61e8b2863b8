package dev.airlock.plugins.scripted;

import dev.airlock.core.model.ModelBackend;
import dev.airlock.core.model.ModelException;
import dev.airlock.core.model.ModelRequest;
import dev.airlock.core.model.ModelResponse;
import dev.airlock.core.model.ToolCall;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Answers from a {@link Script}. A rule's {@code match} looks at the newest message (a user's text or a tool's
 * result, as a model would); {@code {{input}}} in a reply stands for the last user message and {@code {{latest}}}
 * for the newest message, such as the tool result the model is answering from.
 */
final class ScriptedBackend implements ModelBackend {

    private final Script script;
    private final List<Pattern> patterns;
    private final LatencyModel latency;

    ScriptedBackend(Script script, LatencyModel latency) {
        this.script = script;
        this.patterns = script.rules().stream().map(Script.Rule::pattern).toList();
        this.latency = latency;
    }

    @Override
    public ModelResponse complete(ModelRequest request) throws ModelException {
        String input = request.lastUserContent();
        String latest = request.latestContent();
        for (int i = 0; i < script.rules().size(); i++) {
            Script.Rule rule = script.rules().get(i);
            if (matches(rule, patterns.get(i), request, latest)) {
                pause(request.timeout());
                return respond(rule, input, latest, i);
            }
        }
        throw new ModelException("no scripted rule answers agent '" + request.agent() + "' on turn " + request.turn()
                + "; add a rule without conditions as a fallback");
    }

    private static boolean matches(Script.Rule rule, Pattern pattern, ModelRequest request, String latest) {
        return (rule.agent() == null || rule.agent().equals(request.agent()))
                && (rule.turn() == null || rule.turn() == request.turn())
                && (pattern == null || pattern.matcher(latest).find());
    }

    private void pause(Duration timeout) throws ModelException {
        Duration wait = latency.next();
        if (timeout != null && wait.compareTo(timeout) > 0) {
            throw new ModelException("scripted latency " + wait.toMillis() + " ms exceeds the request timeout");
        }
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted");
        }
    }

    private static ModelResponse respond(Script.Rule rule, String input, String latest, int index) {
        List<ToolCall> calls = new ArrayList<>();
        for (int c = 0; c < rule.toolCalls().size(); c++) {
            Script.ScriptedToolCall call = rule.toolCalls().get(c);
            calls.add(new ToolCall("call-" + (index + 1) + "-" + (c + 1), call.name(), call.argumentsJson()));
        }
        String reply = rule.reply() == null ? "" : rule.reply().replace("{{input}}", input).replace("{{latest}}", latest);
        return new ModelResponse(reply, calls);
    }
}
