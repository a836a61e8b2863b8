package dev.airlock.gate;

import dev.airlock.core.model.ToolDefinition;
import dev.airlock.core.tool.Tool;
import dev.airlock.core.tool.ToolException;
import dev.airlock.core.tool.ToolInvocation;
import dev.airlock.core.tool.ToolResult;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tool written for the gate's tests: answers as told and keeps every invocation the gate made. */
final class FakeTool implements Tool {

    @FunctionalInterface
    interface Answer {
        String json(ToolInvocation invocation) throws ToolException, InterruptedException;
    }

    final List<ToolInvocation> calls = new CopyOnWriteArrayList<>();
    private final Answer answer;
    private final List<ToolDefinition> definitions;

    FakeTool(Answer answer) {
        this(answer, List.of());
    }

    FakeTool(Answer answer, List<ToolDefinition> definitions) {
        this.answer = answer;
        this.definitions = definitions;
    }

    @Override
    public List<ToolDefinition> definitions() {
        return definitions;
    }

    @Override
    public ToolResult call(ToolInvocation invocation) throws ToolException {
        calls.add(invocation);
        try {
            return new ToolResult(answer.json(invocation));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ToolException.failed("interrupted");
        }
    }
}
