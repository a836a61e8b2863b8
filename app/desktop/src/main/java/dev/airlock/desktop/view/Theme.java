package dev.airlock.desktop.view;

import javafx.scene.Scene;

import java.util.Locale;
import java.util.Objects;

/** Light and dark themes, both sized and contrasted for a projector. */
public enum Theme {
    LIGHT, DARK;

    public static Theme parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    public void applyTo(Scene scene) {
        scene.getStylesheets().setAll(css("base.css"), css(name().toLowerCase(Locale.ROOT) + ".css"));
    }

    private static String css(String name) {
        return Objects.requireNonNull(Theme.class.getResource("/dev/airlock/desktop/" + name), name).toExternalForm();
    }
}
