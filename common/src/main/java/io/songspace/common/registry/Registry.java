package io.songspace.common.registry;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Implementations of one role by name, built from what CDI finds ({@code Instance<T>}), so that adding one is
 * adding one class. Checked when built: no two share a name, and every name that a run spec may use has one.
 */
public final class Registry<T extends Named> {

    private final String role;
    private final Map<String, T> byName;

    private Registry(String role, Map<String, T> byName) {
        this.role = role;
        this.byName = byName;
    }

    /**
     * @param role what the implementations are, for messages ("architecture")
     * @param required the names run specs may use: each must have an implementation
     */
    public static <T extends Named> Registry<T> of(String role, Iterable<T> implementations,
            Collection<String> required) {
        Map<String, T> byName = new TreeMap<>();
        for (T t : implementations) {
            if (byName.putIfAbsent(t.name(), t) != null) {
                throw new IllegalStateException("two " + role + "s named " + t.name());
            }
        }
        if (!byName.keySet().containsAll(required)) {
            throw new IllegalStateException("run specs may name the " + role + "s " + required + " but only "
                    + byName.keySet() + " exist");
        }
        return new Registry<>(role, Map.copyOf(byName));
    }

    /** The implementation named {@code name}; an unknown name is bad input, rejected with the known names. */
    public T named(String name) {
        T t = byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException("unknown " + role + " '" + name + "' (known: " + names() + ")");
        }
        return t;
    }

    public Set<String> names() {
        return new java.util.TreeSet<>(byName.keySet());
    }
}
