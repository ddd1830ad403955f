package io.tributary.testsupport;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A git server speaking the smart HTTP protocol (JGit's GitServlet on Jetty) on loopback, with
 * helpers to create repositories and commit to them. Records every request path it serves.
 */
public final class GitServer implements AutoCloseable {

    private static final PersonIdent AUTHOR = new PersonIdent("Tributary Test", "test@tributary.io");

    private final Path root;
    private final Server jetty;
    private final Map<String, Git> repositories = new ConcurrentHashMap<>();
    private final List<String> requestLog = new CopyOnWriteArrayList<>();

    private GitServer(Path root, int port) {
        this.root = root;
        this.jetty = new Server(new InetSocketAddress("127.0.0.1", port));
    }

    /** Starts a server whose repositories live under {@code root}, on a free port. */
    public static GitServer start(Path root) throws Exception {
        return start(root, 0);
    }

    /** Starts a server whose repositories live under {@code root}; {@code port} 0 picks a free one. */
    public static GitServer start(Path root, int port) throws Exception {
        GitServer server = new GitServer(root, port);
        server.startJetty();
        return server;
    }

    private void startJetty() throws Exception {
        GitServlet servlet = new GitServlet();
        servlet.setRepositoryResolver((request, name) -> {
            Git git = repositories.get(name.endsWith(".git") ? name.substring(0, name.length() - 4) : name);
            if (git == null) {
                throw new RepositoryNotFoundException(name);
            }
            Repository repository = git.getRepository();
            repository.incrementOpen();
            return repository;
        });
        ServletContextHandler context = new ServletContextHandler("/");
        Filter logger = (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            String query = http.getQueryString();
            requestLog.add(http.getMethod() + " " + http.getRequestURI() + (query == null ? "" : "?" + query));
            chain.doFilter(request, response);
        };
        context.addFilter(new FilterHolder(logger), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(servlet), "/*");
        jetty.setHandler(context);
        jetty.start();
    }

    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    /** Clone URL of a repository: {@code http://127.0.0.1:<port>/<name>.git}. */
    public String url(String name) {
        return "http://127.0.0.1:" + port() + "/" + name + ".git";
    }

    /** Creates an empty repository whose default branch is {@code main}. */
    public Git createRepository(String name) {
        try {
            Path dir = root.resolve(name);
            Files.createDirectories(dir);
            Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
            repositories.put(name, git);
            return git;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code files} (path → content; null content deletes) and commits them on the checked-out branch. */
    public RevCommit commit(String name, Map<String, String> files, String message) {
        Git git = repositories.get(name);
        if (git == null) {
            throw new IllegalArgumentException("no repository " + name);
        }
        try {
            Path work = git.getRepository().getWorkTree().toPath();
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = work.resolve(file.getKey()).normalize();
                if (!target.startsWith(work)) {
                    throw new IllegalArgumentException("path escapes the work tree: " + file.getKey());
                }
                if (file.getValue() == null) {
                    Files.deleteIfExists(target);
                    git.rm().addFilepattern(file.getKey()).call();
                } else {
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, file.getValue());
                    git.add().addFilepattern(file.getKey()).call();
                }
            }
            return git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public Git repository(String name) {
        return repositories.get(name);
    }

    /** Request lines ({@code METHOD /path?query}) served so far. */
    public List<String> requestLog() {
        return List.copyOf(requestLog);
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
        repositories.values().forEach(Git::close);
    }
}
