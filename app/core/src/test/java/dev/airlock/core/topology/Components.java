package dev.airlock.core.topology;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Which components of two records of one type differ: a wither must change exactly the one it names. */
final class Components {

    private Components() {
    }

    static List<String> changed(Record before, Record after) {
        if (before.getClass() != after.getClass()) {
            throw new IllegalArgumentException(before.getClass() + " vs " + after.getClass());
        }
        List<String> changed = new ArrayList<>();
        for (RecordComponent c : before.getClass().getRecordComponents()) {
            if (!Objects.equals(value(c, before), value(c, after))) {
                changed.add(c.getName());
            }
        }
        return changed;
    }

    private static Object value(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }
}
