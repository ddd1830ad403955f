package io.tributary.release.apply;

import java.util.List;

/**
 * How the fields of an object are patched, as strategicpatch's {@code LookupPatchMeta}: for a field of the object this
 * describes, its patch strategies ({@code merge}, {@code replace}, {@code retainKeys}, as the {@code patchStrategy} tag
 * or {@code x-kubernetes-patch-strategy} lists them), its merge key and the metadata of its value (of a list: of its
 * items).
 */
public interface PatchMeta {

    /** A field's patch metadata; {@code mergeKey} is {@code ""} when it has none. */
    record Field(List<String> strategies, String mergeKey, PatchMeta value) {
        public Field {
            strategies = strategies == null ? List.of() : List.copyOf(strategies);
            mergeKey = mergeKey == null ? "" : mergeKey;
        }
    }

    /** No field of that name is known. */
    final class UnknownFieldException extends Exception {
        public UnknownFieldException(String message) {
            super(message);
        }
    }

    /** The field {@code key} whose value is an object. */
    Field lookupForStruct(String key) throws UnknownFieldException;

    /** The field {@code key} whose value is a list; {@link Field#value} describes its items. */
    Field lookupForSlice(String key) throws UnknownFieldException;

    /** What this describes, for messages. */
    String name();
}
