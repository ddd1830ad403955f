package io.tributary.notification.provider;

import io.tributary.api.notification.ProviderSpec;

/** The notifier for a Provider's type, or a clear error for a type this service does not send to. */
public final class Notifiers {

    private Notifiers() {
    }

    /** {@code commitStatusId} is used by the git providers; null elsewhere. */
    public static Notifier of(ProviderConfig config, String commitStatusId) throws NotifierException {
        if (config.address() == null) {
            throw new NotifierException("no address: set spec.address or the 'address' key of spec.secretRef", false);
        }
        return switch (config.type()) {
            case GENERIC -> new GenericNotifier(config, null);
            case GENERIC_HMAC -> {
                if (config.token() == null || config.token().isEmpty()) {
                    throw new NotifierException("generic-hmac needs the 'token' key of spec.secretRef as the HMAC key", false);
                }
                yield new GenericNotifier(config, GenericNotifier.key(config.token()));
            }
            case SLACK -> SlackNotifier.slack(config);
            case DISCORD -> SlackNotifier.discord(config);
            case MSTEAMS -> new MsTeamsNotifier(config);
            case ALERTMANAGER -> new AlertmanagerNotifier(config);
            case GITHUB -> new GitHubNotifier(config, commitStatusId);
            case GITLAB -> new GitLabNotifier(config, commitStatusId);
            default -> throw new NotifierException("provider type '" + typeName(config.type()) + "' is not supported by Tributary", false);
        };
    }

    /** Flux's default commit status id for a Provider UID and an event. */
    public static String defaultCommitStatusId(String providerUid, io.tributary.events.FluxEvent event) {
        return CommitStatus.defaultId(providerUid, event);
    }

    /** Types that post a commit status and so need the revision's commit. */
    public static boolean isCommitStatus(ProviderSpec.Type type) {
        return type == ProviderSpec.Type.GITHUB || type == ProviderSpec.Type.GITLAB || type == ProviderSpec.Type.GITEA
                || type == ProviderSpec.Type.BITBUCKET || type == ProviderSpec.Type.BITBUCKET_SERVER || type == ProviderSpec.Type.AZURE_DEVOPS;
    }

    static String typeName(ProviderSpec.Type type) {
        try {
            return ProviderSpec.Type.class.getField(type.name()).getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class).value();
        } catch (NoSuchFieldException e) {
            return type.name();
        }
    }
}
