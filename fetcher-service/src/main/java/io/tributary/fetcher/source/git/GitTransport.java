package io.tributary.fetcher.source.git;

import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Configures each JGit transport for one GitRepository: basic or bearer credentials, TLS and proxy for HTTP(S);
 * the identity and strict known_hosts checking for SSH. The SSH session factory lives in the fetch's workspace and
 * is closed with it; nothing is read from or written to the process user's {@code ~/.ssh}.
 */
public final class GitTransport implements TransportConfigCallback, AutoCloseable {

    private final GitAuth auth;
    private final Path home;
    private SshdSessionFactory ssh;

    public GitTransport(GitAuth auth, Path home) {
        this.auth = auth;
        this.home = home;
    }

    @Override
    public void configure(Transport transport) {
        if (auth.username() != null) {
            transport.setCredentialsProvider(new UsernamePasswordCredentialsProvider(auth.username(), auth.password()));
        }
        if (transport instanceof TransportHttp http) {
            if (auth.bearerToken() != null) {
                http.setAdditionalHeaders(Map.of("Authorization", "Bearer " + auth.bearerToken()));
            }
            http.setHttpConnectionFactory(GitHttpConnection.factory(auth));
        } else if (transport instanceof SshTransport sshTransport) {
            sshTransport.setSshSessionFactory(sshFactory());
        }
    }

    private synchronized SshdSessionFactory sshFactory() {
        if (ssh == null) {
            java.io.File dir = home.toFile();
            ssh = new SshdSessionFactoryBuilder()
                    .setHomeDirectory(dir)
                    .setSshDirectory(new java.io.File(dir, ".ssh"))
                    .setConfigFile(f -> null)
                    .setPreferredAuthentications("publickey")
                    .setDefaultKeysProvider(f -> auth.sshIdentities())
                    .setDefaultIdentities(f -> java.util.List.of())
                    .setDefaultKnownHostsFiles(f -> java.util.List.of())
                    .setServerKeyDatabase((h, s) -> new KnownHosts(auth.knownHosts() == null ? "" : auth.knownHosts()))
                    .build(null);
        }
        return ssh;
    }

    @Override
    public synchronized void close() {
        if (ssh != null) {
            ssh.close();
        }
    }
}
