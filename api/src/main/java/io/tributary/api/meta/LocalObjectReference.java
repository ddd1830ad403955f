package io.tributary.api.meta;

import io.fabric8.generator.annotation.Required;

/** A reference to an object in the same namespace. */
public class LocalObjectReference {
    @Required
    public String name;

    public LocalObjectReference() {
    }

    public LocalObjectReference(String name) {
        this.name = name;
    }
}
