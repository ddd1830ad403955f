package io.tributary.fetcher.source.git;

import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/** HTTPS credentials from a GitRepository's {@code secretRef}. Never printed: {@link #toString()} hides them. */
public record GitCredentials(String username, String password, String bearerToken) {

    public static final GitCredentials NONE = new GitCredentials(null, null, null);

    public CredentialsProvider provider() {
        return username == null ? null : new UsernamePasswordCredentialsProvider(username, password == null ? "" : password);
    }

    @Override
    public String toString() {
        return username == null ? "GitCredentials[anonymous]" : "GitCredentials[basic]";
    }
}
