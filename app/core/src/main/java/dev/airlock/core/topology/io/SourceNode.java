package dev.airlock.core.topology.io;

import dev.airlock.core.problem.Location;

import java.util.List;

/**
 * A parsed document that remembers where every value came from, whether it was YAML or JSON. The binder reads
 * this tree instead of a plain JSON tree so that every problem can point at a line and column.
 */
sealed interface SourceNode {

    Location location();

    /** How the value is described in messages: "a map", "a list", "a number", ... */
    String describe();

    record MapNode(Location location, List<Entry> entries) implements SourceNode {
        public MapNode {
            entries = List.copyOf(entries);
        }

        @Override
        public String describe() {
            return "a map";
        }
    }

    record Entry(String key, Location keyLocation, SourceNode value) {
    }

    record ListNode(Location location, List<SourceNode> items) implements SourceNode {
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    record ScalarNode(Location location, String text, ScalarKind kind) implements SourceNode {
        @Override
        public String describe() {
            return switch (kind) {
                case STRING -> "the text '" + abbreviate(text) + "'";
                case INTEGER, DECIMAL -> "the number " + abbreviate(text);
                case BOOLEAN -> "the boolean " + text;
                case NULL -> "an empty value";
            };
        }

        private static String abbreviate(String s) {
            return s.length() <= 40 ? s : s.substring(0, 37) + "...";
        }
    }

    enum ScalarKind { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }
}
