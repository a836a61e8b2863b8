package dev.airlock.core.export;

/**
 * Something an export found about one element, for a viewer to show where the element is drawn: {@code element}
 * is a key like a {@link dev.airlock.core.problem.Problem}'s ({@code agent:researcher}, {@code tool:web},
 * {@code pipe:a->b}), {@code text} says what was found in a few lines.
 */
public record ExportFinding(String element, String text) {
}
