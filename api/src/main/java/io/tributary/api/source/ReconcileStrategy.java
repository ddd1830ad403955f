package io.tributary.api.source;

/** When a chart built from a source is repackaged: on chart version change, or on every source revision. */
public enum ReconcileStrategy {
    ChartVersion,
    Revision
}
