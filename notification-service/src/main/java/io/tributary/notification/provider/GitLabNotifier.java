package io.tributary.notification.provider;

import io.tributary.events.FluxEvent;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Flux's GitLab commit status: {@code POST /api/v4/projects/<url-encoded path>/statuses/<commit>} with state
 * {@code success} or {@code failed}, name = the status id, the reason in words; token in {@code PRIVATE-TOKEN}.
 */
final class GitLabNotifier implements Notifier {

    private final ProviderConfig config;
    private final String statusId;

    GitLabNotifier(ProviderConfig config, String statusId) {
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
        if (config.token() == null || config.token().isEmpty()) {
            throw new NotifierException("gitlab token cannot be empty", false);
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", Payloads.isError(event) ? "failed" : "success");
        status.put("name", statusId);
        status.put("description", CommitStatus.description(event));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("PRIVATE-TOKEN", config.token());
        URI uri = URI.create(hostAndPath[0] + "/api/v4/projects/" + URLEncoder.encode(hostAndPath[1], StandardCharsets.UTF_8)
                + "/statuses/" + commit);
        return Optional.of(new ProviderRequest(uri, headers, Payloads.json(status)));
    }
}
