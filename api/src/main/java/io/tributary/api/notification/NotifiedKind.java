package io.tributary.api.notification;

/** The kinds a Receiver may request reconciles of and an Alert may watch, as Flux's CRDs list them. */
public enum NotifiedKind {
    Bucket,
    GitRepository,
    Kustomization,
    HelmRelease,
    HelmChart,
    HelmRepository,
    ImageRepository,
    ImagePolicy,
    ImageUpdateAutomation,
    OCIRepository,
    ArtifactGenerator,
    ExternalArtifact
}
