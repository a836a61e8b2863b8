package dev.airlock.core.archfixture;

/** A deliberate violation: what a core class must never do. Only the architecture test uses it. */
public final class CoreClassUsingJavaFx {

    public Object accent() {
        return javafx.scene.paint.Color.ORANGE;
    }
}
