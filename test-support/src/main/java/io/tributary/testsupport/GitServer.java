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


    private final List<String> packsSent = new CopyOnWriteArrayList<>();
    private final Path root;
    private final Server jetty;
    private final Map<String, Git> repositories = new ConcurrentHashMap<>();
    private final List<String> requestLog = new CopyOnWriteArrayList<>();

    private volatile String requiredAuthorization;
    private volatile long hangMillis;
    private final boolean https;

    private GitServer(Path root, int port) {
        this.root = root;
        this.jetty = new Server(new InetSocketAddress("127.0.0.1", port));
        this.https = false;
    }

    private GitServer(Path root, TestPki pki, boolean clientAuth) {
        this.root = root;
        this.jetty = new Server();
        jetty.addConnector(pki.httpsConnector(jetty, clientAuth));
        this.https = true;
    }

    /** Starts a server whose repositories live under {@code root}, on a free port. */
    public static GitServer start(Path root) throws Exception {
        return start(root, 0);
    }

    /** Starts an HTTPS server with a certificate from {@code pki}; {@code clientAuth} demands a client certificate. */
    public static GitServer startHttps(Path root, TestPki pki, boolean clientAuth) throws Exception {
        GitServer server = new GitServer(root, pki, clientAuth);
        server.startJetty();
        return server;
    }

    /** Demands {@code Authorization: Basic} with these credentials from now on. */
    public void requireBasic(String username, String password) {
        requiredAuthorization = "Basic " + java.util.Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Demands {@code Authorization: Bearer <token>} from now on. */
    public void requireBearer(String token) {
        requiredAuthorization = "Bearer " + token;
    }

    /** Serves anonymous requests again. */
    public void allowAnonymous() {
        requiredAuthorization = null;
    }

    /** Makes every request wait this long before it is answered (0 to stop). */
    public void hang(java.time.Duration delay) {
        hangMillis = delay.toMillis();
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
        servlet.setUploadPackFactory((request, repository) -> {
            org.eclipse.jgit.transport.UploadPack upload = new org.eclipse.jgit.transport.UploadPack(repository);
            upload.setPreUploadHook(new org.eclipse.jgit.transport.PreUploadHook() {
                @Override
                public void onBeginNegotiateRound(org.eclipse.jgit.transport.UploadPack up,
                        java.util.Collection<? extends org.eclipse.jgit.lib.ObjectId> wants, int cntOffered) {
                }

                @Override
                public void onEndNegotiateRound(org.eclipse.jgit.transport.UploadPack up,
                        java.util.Collection<? extends org.eclipse.jgit.lib.ObjectId> wants, int cntCommon, int cntNotFound, boolean ready) {
                }

                @Override
                public void onSendPack(org.eclipse.jgit.transport.UploadPack up,
                        java.util.Collection<? extends org.eclipse.jgit.lib.ObjectId> wants,
                        java.util.Collection<? extends org.eclipse.jgit.lib.ObjectId> haves) {
                    packsSent.add(repository.getDirectory().getParentFile().getName());
                }
            });
            return upload;
        });
        ServletContextHandler context = new ServletContextHandler("/");
        Filter logger = (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            String query = http.getQueryString();
            requestLog.add(http.getMethod() + " " + http.getRequestURI() + (query == null ? "" : "?" + query));
            if (hangMillis > 0) {
                try {
                    Thread.sleep(hangMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            String required = requiredAuthorization;
            if (required != null && !required.equals(http.getHeader("Authorization"))) {
                jakarta.servlet.http.HttpServletResponse denied = (jakarta.servlet.http.HttpServletResponse) response;
                denied.setHeader("WWW-Authenticate", required.startsWith("Basic") ? "Basic realm=\"git\"" : "Bearer");
                denied.sendError(401);
                return;
            }
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

    /** Clone URL of a repository: {@code http(s)://127.0.0.1:<port>/<name>.git}. */
    public String url(String name) {
        return (https ? "https" : "http") + "://127.0.0.1:" + port() + "/" + name + ".git";
    }

    /** Resolves a repository by the name it was created with, for other servers sharing these repositories. */
    public Repository resolve(String name) {
        Git git = repositories.get(name.endsWith(".git") ? name.substring(0, name.length() - 4) : name);
        return git == null ? null : git.getRepository();
    }

    /** Forgets the request log and the packs sent. */
    public void clearRequestLog() {
        requestLog.clear();
        packsSent.clear();
    }

    /** Names of the repositories a pack was sent from (one per clone or fetch that transferred objects), in order. */
    public List<String> packsSent() {
        return List.copyOf(packsSent);
    }

    private static PersonIdent author() {
        return new PersonIdent("Tributary Test", "test@tributary.io");
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
        Map<String, byte[]> bytes = new java.util.LinkedHashMap<>();
        files.forEach((path, content) -> bytes.put(path, content == null ? null : content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return commitBytes(name, bytes, message);
    }

    /** Commits binary files (relative path to content; null content deletes the file). */
    public RevCommit commitBytes(String name, Map<String, byte[]> files, String message) {
        Git git = repositories.get(name);
        if (git == null) {
            throw new IllegalArgumentException("no repository " + name);
        }
        try {
            Path work = git.getRepository().getWorkTree().toPath();
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path target = work.resolve(file.getKey()).normalize();
                if (!target.startsWith(work)) {
                    throw new IllegalArgumentException("path escapes the work tree: " + file.getKey());
                }
                if (file.getValue() == null) {
                    Files.deleteIfExists(target);
                    git.rm().addFilepattern(file.getKey()).call();
                } else {
                    Files.createDirectories(target.getParent());
                    Files.write(target, file.getValue());
                    git.add().addFilepattern(file.getKey()).call();
                }
            }
            return git.commit().setMessage(message).setAuthor(author()).setCommitter(author()).setSign(false).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Like {@link #commit} but the commit carries {@code signer}'s signature over its content. */
    public RevCommit commitSigned(String name, Map<String, String> files, String message, java.util.function.UnaryOperator<byte[]> signer) {
        RevCommit unsigned = commit(name, files, message);
        Repository repository = repositories.get(name).getRepository();
        try (org.eclipse.jgit.lib.ObjectInserter inserter = repository.newObjectInserter();
                org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repository)) {
            org.eclipse.jgit.lib.CommitBuilder builder = new org.eclipse.jgit.lib.CommitBuilder();
            builder.setTreeId(unsigned.getTree());
            builder.setParentIds(unsigned.getParents());
            builder.setAuthor(author());
            builder.setCommitter(author());
            builder.setMessage(message);
            builder.setGpgSignature(new org.eclipse.jgit.lib.GpgSignature(signer.apply(builder.build())));
            org.eclipse.jgit.lib.ObjectId id = inserter.insert(builder);
            inserter.flush();
            org.eclipse.jgit.lib.RefUpdate update = repository.updateRef("HEAD");
            update.setNewObjectId(id);
            update.forceUpdate();
            return walk.parseCommit(id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates an annotated tag on {@code commit}, signed by {@code signer} unless it is null. */
    public void tag(String name, String tag, org.eclipse.jgit.lib.ObjectId commit, java.util.function.UnaryOperator<byte[]> signer) {
        Repository repository = repositories.get(name).getRepository();
        try (org.eclipse.jgit.lib.ObjectInserter inserter = repository.newObjectInserter()) {
            org.eclipse.jgit.lib.TagBuilder builder = new org.eclipse.jgit.lib.TagBuilder();
            builder.setObjectId(commit, org.eclipse.jgit.lib.Constants.OBJ_COMMIT);
            builder.setTag(tag);
            builder.setTagger(author());
            builder.setMessage("release " + tag + "\n");
            if (signer != null) {
                builder.setGpgSignature(new org.eclipse.jgit.lib.GpgSignature(signer.apply(builder.build())));
            }
            org.eclipse.jgit.lib.ObjectId id = inserter.insert(builder);
            inserter.flush();
            org.eclipse.jgit.lib.RefUpdate update = repository.updateRef("refs/tags/" + tag);
            update.setNewObjectId(id);
            update.forceUpdate();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a lightweight tag on {@code commit}. */
    public void lightweightTag(String name, String tag, org.eclipse.jgit.lib.ObjectId commit) {
        updateRef(name, "refs/tags/" + tag, commit);
    }

    /** Points {@code ref} (a full name such as {@code refs/pull/1/head}) at {@code commit}. */
    public void updateRef(String name, String ref, org.eclipse.jgit.lib.ObjectId commit) {
        Repository repository = repositories.get(name).getRepository();
        try {
            org.eclipse.jgit.lib.RefUpdate update = repository.updateRef(ref);
            update.setNewObjectId(commit);
            update.forceUpdate();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
