package dev.airlock.sandbox.images;

import java.io.IOException;
import java.nio.file.Path;

/** How to make one image offline. */
public interface ImageRecipe {

    /** The image's name, e.g. {@code airlock/probe}. */
    String tag();

    /**
     * A digest of everything the image is made from, cheap to compute; when the engine already has the tag with this
     * value as its {@code airlock.inputs} label, nothing is rebuilt.
     */
    String inputsHash() throws IOException;

    /** Assembles the build context; {@code work} is a scratch directory the builder removes afterwards. */
    BuildContext context(Path work, ImageBuilder.Progress progress) throws IOException;
}
