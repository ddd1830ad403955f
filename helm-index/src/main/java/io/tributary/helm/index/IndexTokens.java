package io.tributary.helm.index;

import java.io.IOException;

/** The parse events {@link GeneralIndexReader} decodes, from a YAML or a JSON document. */
interface IndexTokens {

    enum Kind { MAP, END_MAP, SEQ, END_SEQ, SCALAR, END }

    /** Moves to the next event; {@link Kind#END} once the document's root node is complete. */
    Kind next() throws IOException;

    /** The current scalar's type: what go-yaml v2 resolves a YAML scalar to, or the JSON token's type. */
    YamlScalars.Type type();

    /** The current scalar's text. */
    String text();

    /** The current boolean scalar's value. */
    boolean bool();

    /** The line of the current event, from 1. */
    int line();

    /** YAML, which Helm reads strictly; false for JSON, which it reads with encoding/json's defaults. */
    boolean yaml();
}
