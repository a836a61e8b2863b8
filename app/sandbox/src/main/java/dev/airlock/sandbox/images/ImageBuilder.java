package dev.airlock.sandbox.images;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import dev.airlock.core.runtime.SandboxException;
import dev.airlock.core.runtime.SandboxRuntime;
import dev.airlock.sandbox.DockerSandboxRuntime;
import dev.airlock.sandbox.Owner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Builds images from local material only: the recipe's tar context goes to the engine with {@code FROM scratch}
 * (or an Airlock base), never a pull. An image whose {@code airlock.inputs} label matches is left as it is.
 */
public final class ImageBuilder {

    public static final String LABEL_INPUTS = "airlock.inputs";

    /** Receives one line per step of a long build. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = line -> { };

        void step(String line);
    }

    /** What {@link #ensure} did. */
    public record Result(String tag, String imageId, boolean built, double seconds) {
    }

    private final DockerClient client;

    public ImageBuilder(DockerClient client) {
        this.client = client;
    }

    public Result ensure(ImageRecipe recipe, Progress progress) {
        return ensure(recipe, progress, Map.of());
    }

    /** Builds the image if it is missing or its inputs changed; {@code extraLabels} mark e.g. temporary images. */
    public Result ensure(ImageRecipe recipe, Progress progress, Map<String, String> extraLabels) {
        long begin = System.nanoTime();
        try {
            String hash = recipe.inputsHash();
            String existing = currentImage(recipe.tag(), hash);
            String previous = existing == null ? imageId(recipe.tag()) : null;
            if (existing != null) {
                return new Result(recipe.tag(), existing, false, (System.nanoTime() - begin) / 1e9);
            }
            progress.step("building " + recipe.tag() + " offline (inputs " + hash.substring(0, 12) + ")");
            Path work = Files.createTempDirectory("airlock-image-");
            try {
                BuildContext ctx = recipe.context(work, progress);
                Path tar = work.resolve("context.tar");
                try (OutputStream out = Files.newOutputStream(tar)) {
                    ctx.writeTar(out);
                }
                progress.step(String.format("sending %d files (%.1f MB) to the engine", ctx.size(),
                        Files.size(tar) / 1e6));
                Map<String, String> labels = new HashMap<>(extraLabels);
                labels.put(LABEL_INPUTS, hash);
                labels.put(SandboxRuntime.LABEL_MANAGED, "true");
                String id;
                try (InputStream in = Files.newInputStream(tar)) {
                    id = client.buildImageCmd().withTarInputStream(in).withPull(false).withRemove(true)
                            .withForcerm(true).withTags(Set.of(recipe.tag())).withLabels(labels)
                            .exec(new BuildImageResultCallback() {
                                @Override
                                public void onNext(BuildResponseItem item) {
                                    if (item.getStream() != null && item.getStream().startsWith("Step ")) {
                                        progress.step("  " + item.getStream().strip());
                                    }
                                    super.onNext(item);
                                }
                            }).awaitImageId(10, TimeUnit.MINUTES);
                }
                double seconds = (System.nanoTime() - begin) / 1e9;
                progress.step(String.format("built %s in %.1f s", recipe.tag(), seconds));
                removeStale(previous, id);
                return new Result(recipe.tag(), id, true, seconds);
            } finally {
                deleteTree(work);
            }
        } catch (IOException e) {
            throw new SandboxException("cannot build " + recipe.tag() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof SandboxException) {
                throw e;
            }
            throw new SandboxException("cannot build " + recipe.tag() + ": " + e.getMessage(), e);
        }
    }

    /** Whether an image is there for a recipe, and built from today's inputs. */
    public enum State { MISSING, STALE, CURRENT }

    /** What {@link #ensure} would find, without building anything. */
    public State state(ImageRecipe recipe) {
        try {
            if (currentImage(recipe.tag(), recipe.inputsHash()) != null) {
                return State.CURRENT;
            }
            return imageId(recipe.tag()) == null ? State.MISSING : State.STALE;
        } catch (IOException e) {
            throw new SandboxException("cannot read the inputs of " + recipe.tag() + ": " + e.getMessage(), e);
        }
    }

    /** Labels for an image that belongs to one run and goes with it (the reaper's rule). */
    public static Map<String, String> temporaryLabels(String runId) {
        return Map.of(DockerSandboxRuntime.LABEL_TEMPORARY, "true", SandboxRuntime.LABEL_RUN, runId,
                SandboxRuntime.LABEL_OWNER, Owner.current().toString());
    }

    /** The image the tag named before a rebuild would otherwise linger untagged; remove it unless in use. */
    private void removeStale(String previous, String current) {
        if (previous == null || current == null || current.endsWith(previous.replace("sha256:", ""))
                || previous.equals(current)) {
            return;
        }
        try {
            client.removeImageCmd(previous).exec();
        } catch (RuntimeException e) {
            // Still used by a container or another tag: leave it.
        }
    }

    private String imageId(String tag) {
        try {
            return client.inspectImageCmd(tag).exec().getId();
        } catch (NotFoundException e) {
            return null;
        }
    }

    private String currentImage(String tag, String hash) {
        try {
            InspectImageResponse image = client.inspectImageCmd(tag).exec();
            Map<String, String> labels = image.getConfig() == null ? null : image.getConfig().getLabels();
            return labels != null && hash.equals(labels.get(LABEL_INPUTS)) ? image.getId() : null;
        } catch (NotFoundException e) {
            return null;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
