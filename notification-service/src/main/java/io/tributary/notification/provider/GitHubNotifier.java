package io.tributary.notification.provider;

import io.tributary.events.FluxEvent;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Flux's GitHub commit status: for the commit of the event's revision, state {@code success} (info) or
 * {@code failure} (error), context = the status id, description = the reason in words; nothing for Progressing.
 * {@code github.com} goes to {@code api.github.com}, other hosts to GitHub Enterprise's {@code /api/v3}.
 */
final class GitHubNotifier implements Notifier {

    private final ProviderConfig config;
    private final String statusId;

    GitHubNotifier(ProviderConfig config, String statusId) {
        this.config = config;
        this.statusId = statusId;
    }

    @Override
    public Optional<ProviderRequest> request(FluxEvent event) throws NotifierException {
        if ("Progressing".equals(event.reason())) {
            return Optional.empty();
        }
        String commit = CommitStatus.commit(event.metadata().get("revision"));
        String[] hostAndPath = CommitStatus.parseGitAddress(config.address().toString());
        String[] ownerRepo = hostAndPath[1].split("/", -1);
        if (ownerRepo.length != 2 || ownerRepo[0].isEmpty() || ownerRepo[1].isEmpty()) {
            throw new NotifierException("invalid repository address: the path must be <owner>/<repository>", false);
        }
        if (config.token() == null || config.token().isEmpty()) {
            throw new NotifierException("github token cannot be empty", false);
        }
        String api = hostAndPath[0].equals("https://github.com") ? "https://api.github.com" : hostAndPath[0] + "/api/v3";
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", Payloads.isError(event) ? "failure" : "success");
        status.put("context", statusId);
        status.put("description", CommitStatus.description(event));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/vnd.github+json");
        headers.put("Authorization", "Bearer " + config.token());
        URI uri = URI.create(api + "/repos/" + ownerRepo[0] + "/" + ownerRepo[1] + "/statuses/" + commit);
        return Optional.of(new ProviderRequest(uri, headers, Payloads.json(status)));
    }
}
