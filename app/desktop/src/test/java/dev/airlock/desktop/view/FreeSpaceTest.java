package dev.airlock.desktop.view;

import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FreeSpaceTest {

    @Test
    void answersAsTheWholeListWouldForBoxesAcrossCellsAndBelowZero() {
        Random random = new Random(7);
        FreeSpace space = new FreeSpace();
        List<Bounds> taken = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Bounds b = box(random);
            space.take(b);
            taken.add(b);
        }
        for (int i = 0; i < 5_000; i++) {
            Bounds probe = box(random);
            boolean expected = taken.stream().noneMatch(t -> t.intersects(probe));
            assertThat(space.free(probe)).as("probe %s", probe).isEqualTo(expected);
        }
    }

    @Test
    void aReleasedBoxNoLongerTakesItsPlaceButAnEqualOneDoes() {
        FreeSpace space = new FreeSpace();
        Bounds a = new BoundingBox(90, 90, 40, 20);
        Bounds twin = new BoundingBox(90, 90, 40, 20);
        space.take(a);
        space.take(twin);
        space.release(a);
        assertThat(space.free(new BoundingBox(100, 95, 5, 5))).isFalse();
        space.release(twin);
        assertThat(space.free(new BoundingBox(100, 95, 5, 5))).isTrue();
    }

    private static Bounds box(Random random) {
        return new BoundingBox(random.nextDouble(-500, 1500), random.nextDouble(-500, 1500),
                random.nextDouble(1, 250), random.nextDouble(1, 60));
    }
}
