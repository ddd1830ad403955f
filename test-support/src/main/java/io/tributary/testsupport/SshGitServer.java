package io.tributary.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A git server over SSH (Apache MINA SSHD) on loopback: public-key authentication only, serving
 * {@code git-upload-pack} for the repositories a resolver knows (usually a {@link GitServer}'s).
 */
public final class SshGitServer implements AutoCloseable {

    private final SshServer sshd;
    private final KeyPair hostKey;
    private final List<PublicKey> authorized = new CopyOnWriteArrayList<>();
    private final List<String> commandLog = new CopyOnWriteArrayList<>();

    private SshGitServer(KeyPair hostKey, Function<String, Repository> repositories) {
        this.hostKey = hostKey;
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setPublickeyAuthenticator((user, key, session) -> "git".equals(user)
                && authorized.stream().anyMatch(allowed -> KeyUtils.compareKeys(allowed, key)));
        sshd.setCommandFactory((channel, command) -> new UploadPackCommand(command, repositories));
    }

    /** Starts a server with the given host key, serving what {@code repositories} resolves (null: not found). */
    public static SshGitServer start(KeyPair hostKey, Function<String, Repository> repositories) throws IOException {
        SshGitServer server = new SshGitServer(hostKey, repositories);
        server.sshd.start();
        return server;
    }

    /** Lets user {@code git} in with this key. */
    public void authorize(PublicKey key) {
        authorized.add(key);
    }

    public int port() {
        return sshd.getPort();
    }

    /** {@code ssh://git@127.0.0.1:<port>/<name>.git} */
    public String url(String name) {
        return "ssh://git@127.0.0.1:" + port() + "/" + name + ".git";
    }

    /** The known_hosts line for this server: {@code [127.0.0.1]:<port> <type> <base64>}. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** Commands clients ran, in order. */
    public List<String> commandLog() {
        return List.copyOf(commandLog);
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }

    /** Runs JGit's UploadPack for {@code git-upload-pack '<path>'}; other commands fail. */
    private final class UploadPackCommand implements Command, Runnable {
        private final String command;
        private final Function<String, Repository> repositories;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        UploadPackCommand(String command, Function<String, Repository> repositories) {
            this.command = command;
            this.repositories = repositories;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            commandLog.add(command);
            Thread worker = new Thread(this, "ssh-git-" + command);
            worker.setDaemon(true);
            worker.start();
        }

        @Override
        public void run() {
            try {
                if (!command.startsWith("git-upload-pack ")) {
                    fail("unsupported command: " + command);
                    return;
                }
                String path = command.substring("git-upload-pack ".length()).replace("'", "").replace("\"", "");
                String name = path.startsWith("/") ? path.substring(1) : path;
                Repository repository = repositories.apply(name);
                if (repository == null) {
                    fail("repository not found: " + name);
                    return;
                }
                new UploadPack(repository).upload(in, out, err);
                out.flush();
                exit.onExit(0);
            } catch (IOException e) {
                exit.onExit(1, String.valueOf(e.getMessage()));
            }
        }

        private void fail(String message) throws IOException {
            err.write((message + "\n").getBytes(StandardCharsets.UTF_8));
            err.flush();
            exit.onExit(1, message);
        }

        @Override
        public void destroy(ChannelSession channel) {
        }
    }
}
