package io.songspace.common.registry;

/** Something a run spec selects by name: an architecture, a clustering algorithm, an embedding method. */
public interface Named {

    /** The name a run spec uses. */
    String name();
}
