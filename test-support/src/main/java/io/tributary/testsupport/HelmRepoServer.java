package io.tributary.testsupport;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A static HTTP(S) Helm chart repository on loopback: serves the files under its root, optionally demands basic
 * authentication, and records each request with whether it carried an {@code Authorization} header.
 */
public final class HelmRepoServer implements AutoCloseable {

    /** One served request. */
    public record Request(String method, String path, String authorization) {
    }

    private final Path root;
    private final Server jetty;
    private final boolean https;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile String requiredAuthorization;

    private HelmRepoServer(Path root, TestPki pki, boolean clientAuth) {
        this.root = root;
        if (pki == null) {
            jetty = new Server(new InetSocketAddress("127.0.0.1", 0));
            https = false;
        } else {
            jetty = new Server();
            jetty.addConnector(pki.httpsConnector(jetty, clientAuth));
            https = true;
        }
    }

    public static HelmRepoServer start(Path root) throws Exception {
        return start(root, null, false);
    }

    /** {@code pki} null for plain HTTP. */
    public static HelmRepoServer start(Path root, TestPki pki, boolean clientAuth) throws Exception {
        Files.createDirectories(root);
        HelmRepoServer server = new HelmRepoServer(root, pki, clientAuth);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(server.new FileServlet()), "/*");
        server.jetty.setHandler(context);
        server.jetty.start();
        return server;
    }

    public void requireBasic(String username, String password) {
        requiredAuthorization = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:1234}; add a path for a repository below it. */
    public String url() {
        return (https ? "https" : "http") + "://127.0.0.1:" + port();
    }

    /** Writes a file to serve at {@code path} (relative to the root). */
    public void put(String path, byte[] content) throws IOException {
        Path target = root.resolve(path).normalize();
        if (!target.startsWith(root)) {
            throw new IllegalArgumentException(path);
        }
        Files.createDirectories(target.getParent());
        Files.write(target, content);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    /** A chart package: {@code <name>/Chart.yaml} plus {@code files} (paths relative to the chart directory). */
    public static byte[] chart(String name, String version, Map<String, String> files) {
        Map<String, byte[]> entries = new TreeMap<>();
        entries.put(name + "/Chart.yaml", ("apiVersion: v2\nname: " + name + "\nversion: " + version + "\ndescription: test chart\n")
                .getBytes(StandardCharsets.UTF_8));
        files.forEach((path, content) -> entries.put(name + "/" + path, content.getBytes(StandardCharsets.UTF_8)));
        return tgz(entries);
    }

    /** A gzipped tar of exactly these entries, in this order (no checks: tests use it for hostile archives too). */
    public static byte[] tgz(Map<String, byte[]> entries) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    TarArchiveEntry tarEntry = new TarArchiveEntry(entry.getKey());
                    tarEntry.setSize(entry.getValue().length);
                    tar.putArchiveEntry(tarEntry);
                    tar.write(entry.getValue());
                    tar.closeArchiveEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The sha256 hex of a package, as index entries carry it. */
    public static String digest(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }

    private final class FileServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String authorization = request.getHeader("Authorization");
            requests.add(new Request(request.getMethod(), request.getRequestURI(), authorization));
            String required = requiredAuthorization;
            if (required != null && !required.equals(authorization)) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"charts\"");
                response.sendError(401);
                return;
            }
            Path file = root.resolve(request.getRequestURI().substring(1)).normalize();
            if (!file.startsWith(root) || !java.nio.file.Files.isRegularFile(file)) {
                response.sendError(404);
                return;
            }
            response.setContentLengthLong(java.nio.file.Files.size(file));
            response.setContentType(file.toString().endsWith(".yaml") ? "application/x-yaml" : "application/gzip");
            if (!"HEAD".equals(request.getMethod())) {
                java.nio.file.Files.copy(file, response.getOutputStream());
            }
        }
    }
}
