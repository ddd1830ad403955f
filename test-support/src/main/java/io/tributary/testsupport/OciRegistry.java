package io.tributary.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A real OCI registry on loopback: Debian's {@code docker-registry} (the CNCF distribution registry 2.8), installed
 * with apt-get when {@code /usr/bin/docker-registry} is missing. It serves HTTPS with a {@link TestPki} certificate
 * (or plain HTTP) and authenticates with an htpasswd file of bcrypt entries (Basic), with the distribution token flow
 * (a Bearer challenge naming a token server run here, which answers 403 to {@link #DENIED_USER}), or not at all.
 * Test content is pushed through the registry's HTTP API; its access log tells how many blobs were downloaded.
 */
public final class OciRegistry implements AutoCloseable {

    public enum Auth { NONE, BASIC, TOKEN }

    public static final Path BINARY = Path.of("/usr/bin/docker-registry");
    public static final String USER = "tributary";
    /** A user whose password is right but whom the token server refuses with 403. */
    public static final String DENIED_USER = "denied";
    static final String SERVICE = "tributary-registry";
    static final String ISSUER = "tributary-token-issuer";

    private final Path root;
    private final TestPki pki;
    private final Auth auth;
    private final String password;
    private final int port;
    private final ServerProcess process;
    private final Server tokenServer;
    private final HttpClient http;
    private final Path log;

    private OciRegistry(Path root, TestPki pki, Auth auth, String password, int port, ServerProcess process, Server tokenServer,
            Path log) {
        this.root = root;
        this.pki = pki;
        this.auth = auth;
        this.password = password;
        this.port = port;
        this.process = process;
        this.tokenServer = tokenServer;
        this.log = log;
        this.http = client(pki);
    }

    private static OciRegistry shared;

    /** The registry of this test JVM (see {@link SharedServers}): HTTPS with its own test CA, htpasswd basic auth. */
    static synchronized OciRegistry shared() {
        if (shared == null) {
            try {
                shared = start(Files.createTempDirectory("tributary-oci"), TestPki.create("tributary-oci-ca"), Auth.BASIC);
            } catch (Exception e) {
                throw new IllegalStateException("could not start the OCI registry", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "oci-registry-shutdown"));
        }
        return shared;
    }

    /** Starts a registry under {@code root}; {@code pki} null for plain HTTP. */
    public static OciRegistry start(Path root, TestPki pki, Auth auth) throws Exception {
        ensureInstalled();
        Files.createDirectories(root);
        String password = UUID.randomUUID().toString();
        int port = freePort();
        StringBuilder config = new StringBuilder("version: 0.1\nlog:\n  level: info\n  accesslog:\n    disabled: false\n")
                .append("storage:\n  filesystem:\n    rootdirectory: ").append(root.resolve("data")).append("\n  delete:\n    enabled: true\n")
                .append("http:\n  addr: 127.0.0.1:").append(port).append("\n  secret: ").append(UUID.randomUUID()).append("\n");
        if (pki != null) {
            Files.writeString(root.resolve("server.crt"), TestPki.pem(serverCertificate(pki)) + pki.caPem());
            Files.writeString(root.resolve("server.key"), TestPki.pem(serverKey(pki)));
            config.append("  tls:\n    certificate: ").append(root.resolve("server.crt")).append("\n    key: ").append(root.resolve("server.key")).append("\n");
        }
        Server tokenServer = null;
        if (auth == Auth.BASIC) {
            Files.writeString(root.resolve("htpasswd"), htpasswdLine(USER, password) + "\n" + htpasswdLine(DENIED_USER, password) + "\n");
            config.append("auth:\n  htpasswd:\n    realm: tributary\n    path: ").append(root.resolve("htpasswd")).append("\n");
        } else if (auth == Auth.TOKEN) {
            if (pki == null) {
                throw new IllegalArgumentException("the token flow needs TLS: the token server signs with the PKI's server key");
            }
            tokenServer = startTokenServer(pki, password);
            Files.writeString(root.resolve("token-ca.crt"), pki.caPem());
            config.append("auth:\n  token:\n    realm: https://127.0.0.1:").append(((ServerConnector) tokenServer.getConnectors()[0]).getLocalPort())
                    .append("/token\n    service: ").append(SERVICE).append("\n    issuer: ").append(ISSUER)
                    .append("\n    rootcertbundle: ").append(root.resolve("token-ca.crt")).append("\n");
        }
        Path configFile = root.resolve("config.yml");
        Files.writeString(configFile, config);
        Path log = root.resolve("registry.log");
        ServerProcess process = ServerProcess.start("docker-registry", BINARY, List.of("serve", configFile.toString()), log);
        OciRegistry registry = new OciRegistry(root, pki, auth, password, port, process, tokenServer, log);
        registry.awaitReady();
        return registry;
    }

    /** Installs Debian's docker-registry package when the binary is missing (as root), saying what it does. */
    static synchronized void ensureInstalled() throws IOException, InterruptedException {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        System.out.println("[OciRegistry] " + BINARY + " is missing: running apt-get install -y docker-registry");
        if (run(List.of("apt-get", "install", "-y", "--no-install-recommends", "docker-registry")) != 0) {
            System.out.println("[OciRegistry] install failed: running apt-get update, then the install again");
            run(List.of("apt-get", "update"));
            if (run(List.of("apt-get", "install", "-y", "--no-install-recommends", "docker-registry")) != 0) {
                throw new IllegalStateException("apt-get install -y docker-registry failed; install it as root to run the OCI tests");
            }
        }
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("docker-registry installed but " + BINARY + " is missing");
        }
        System.out.println("[OciRegistry] installed " + BINARY);
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).inheritIO();
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        return builder.start().waitFor();
    }

    /** {@code user:$2y$...}: a bcrypt entry as htpasswd -B writes it. */
    static String htpasswdLine(String user, String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return user + ":" + OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, 5);
    }

    public String host() {
        return "127.0.0.1:" + port;
    }

    /** {@code oci://127.0.0.1:port/<repository>}. */
    public String url(String repository) {
        return "oci://" + host() + "/" + repository;
    }

    public String password() {
        return password;
    }

    public Auth auth() {
        return auth;
    }

    public TestPki pki() {
        return pki;
    }

    /** A {@code .dockerconfigjson} value for {@code user} with this registry's password. */
    public String dockerConfigJson(String user, String password) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return "{\"auths\":{\"" + host() + "\":{\"username\":\"" + user + "\",\"password\":\"" + password + "\",\"auth\":\"" + basic + "\"}}}";
    }

    // ---- pushing content through the distribution HTTP API ----

    /** A layer or config: its media type and bytes. */
    public record Blob(String mediaType, byte[] content) {
        public String digest() {
            return sha256(content);
        }
    }

    /** Uploads a blob (monolithic POST + PUT); returns its digest. */
    public String pushBlob(String repository, byte[] content) throws IOException, InterruptedException {
        String digest = sha256(content);
        HttpResponse<String> started = send(repository, HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofString());
        expect(started, 202, "starting an upload");
        String location = started.headers().firstValue("Location").orElseThrow();
        URI upload = URI.create(location.startsWith("http") ? location : base() + location);
        String separator = upload.getQuery() == null ? "?" : "&";
        HttpResponse<String> done = send(repository, HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + digest))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(content)),
                HttpResponse.BodyHandlers.ofString());
        expect(done, 201, "uploading " + digest);
        return digest;
    }

    /** Puts a manifest of any media type under {@code reference} (a tag or its digest); returns its digest. */
    public String pushManifest(String repository, String reference, String mediaType, byte[] manifest) throws IOException, InterruptedException {
        HttpResponse<String> put = send(repository, HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + reference))
                .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)), HttpResponse.BodyHandlers.ofString());
        expect(put, 201, "putting manifest " + reference);
        return sha256(manifest);
    }

    /** Pushes the blobs and an OCI image manifest naming them, tagged {@code tag}; returns the manifest's digest. */
    public String pushArtifact(String repository, String tag, Blob config, List<Blob> layers) throws IOException, InterruptedException {
        pushBlob(repository, config.content());
        for (Blob layer : layers) {
            pushBlob(repository, layer.content());
        }
        return pushManifest(repository, tag, "application/vnd.oci.image.manifest.v1+json", imageManifest(config, layers));
    }

    /** An OCI image manifest for these blobs. */
    public static byte[] imageManifest(Blob config, List<Blob> layers) {
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":")
                .append(descriptor(config)).append(",\"layers\":[");
        for (int i = 0; i < layers.size(); i++) {
            json.append(i == 0 ? "" : ",").append(descriptor(layers.get(i)));
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    public static String descriptor(Blob blob) {
        return "{\"mediaType\":\"" + blob.mediaType() + "\",\"digest\":\"" + blob.digest() + "\",\"size\":" + blob.content().length + "}";
    }

    /** How many blob downloads ({@code GET /v2/<repository>/blobs/...}) the access log shows so far. */
    public long blobGets(String repository) throws IOException {
        String needle = "\"GET /v2/" + repository + "/blobs/";
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(needle)).count();
        }
    }

    /** Where the registry keeps a blob's bytes on disk (for tests that corrupt them). */
    public Path blobData(String digest) {
        String hex = digest.substring("sha256:".length());
        return root.resolve("data/docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
    }

    public static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String base() {
        return (pki == null ? "http" : "https") + "://" + host();
    }

    private URI uri(String path) {
        return URI.create(base() + path);
    }

    private <T> HttpResponse<T> send(String repository, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        if (auth == Auth.BASIC) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8)));
        } else if (auth == Auth.TOKEN) {
            request.header("Authorization", "Bearer " + token(repository));
        }
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), body);
    }

    private String token(String repository) {
        return signToken(serverKey(pki), serverCertificate(pki), USER, Map.of(repository, List.of("pull", "push")));
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            process.checkAlive();
            try {
                HttpResponse<Void> ping = http.send(HttpRequest.newBuilder(uri("/v2/")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ping.statusCode() == 200 || ping.statusCode() == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("docker-registry did not answer on " + host() + " within 30 s; end of " + log + ":\n" + process.tail());
    }

    private static HttpClient client(TestPki pki) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (pki != null) {
            try {
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(pki.caTrustStore());
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, trust.getTrustManagers(), null);
                builder.sslContext(context);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return builder.build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static X509Certificate serverCertificate(TestPki pki) {
        try {
            return (X509Certificate) pki.serverKeyStore().getCertificate("server");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static PrivateKey serverKey(TestPki pki) {
        try {
            KeyStore store = pki.serverKeyStore();
            return (PrivateKey) store.getKey("server", TestPki.STORE_PASSWORD.toCharArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the token server of the distribution token flow ----

    private static Server startTokenServer(TestPki pki, String password) throws Exception {
        Server server = new Server();
        server.addConnector(pki.httpsConnector(server, false));
        PrivateKey key = serverKey(pki);
        X509Certificate certificate = serverCertificate(pki);
        Map<String, String> users = new ConcurrentHashMap<>(Map.of(USER, password, DENIED_USER, password));
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String authorization = request.getHeaders().get("Authorization");
                String user = basicUser(authorization, users);
                if (user == null) {
                    response.getHeaders().put("WWW-Authenticate", "Basic realm=\"token\"");
                    Response.writeError(request, response, callback, 401);
                    return true;
                }
                if (user.equals(DENIED_USER)) {
                    Response.writeError(request, response, callback, 403);
                    return true;
                }
                Map<String, List<String>> access = new LinkedHashMap<>();
                String query = request.getHttpURI().getQuery();
                for (String parameter : query == null ? new String[0] : query.split("&")) {
                    if (parameter.startsWith("scope=")) {
                        String[] scope = java.net.URLDecoder.decode(parameter.substring(6), StandardCharsets.UTF_8).split(":");
                        if (scope.length >= 3 && scope[0].equals("repository")) {
                            access.put(scope[1], List.of(scope[scope.length - 1].split(",")));
                        }
                    }
                }
                String token = signToken(key, certificate, user, access);
                response.getHeaders().put("Content-Type", "application/json");
                response.write(true, java.nio.ByteBuffer.wrap(("{\"token\":\"" + token + "\",\"access_token\":\"" + token
                        + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        server.start();
        return server;
    }

    private static String basicUser(String authorization, Map<String, String> users) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String user = decoded.substring(0, colon);
        return decoded.substring(colon + 1).equals(users.get(user)) ? user : null;
    }

    /** An RS256 JWT the registry accepts: the signing certificate in {@code x5c}, chained to the CA it trusts. */
    static String signToken(PrivateKey key, X509Certificate certificate, String subject, Map<String, List<String>> access) {
        try {
            Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
            String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"x5c\":[\"" + Base64.getEncoder().encodeToString(certificate.getEncoded()) + "\"]}";
            long now = Instant.now().getEpochSecond();
            List<String> grants = new ArrayList<>();
            access.forEach((name, actions) -> grants.add("{\"type\":\"repository\",\"name\":\"" + name + "\",\"actions\":["
                    + String.join(",", actions.stream().map(a -> "\"" + a + "\"").toList()) + "]}"));
            String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"aud\":\"" + SERVICE + "\",\"exp\":" + (now + 300)
                    + ",\"nbf\":" + (now - 60) + ",\"iat\":" + now + ",\"jti\":\"" + UUID.randomUUID() + "\",\"access\":["
                    + String.join(",", grants) + "]}";
            String signingInput = url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "." + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + url.encodeToString(signature.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.close();
        if (tokenServer != null) {
            try {
                tokenServer.stop();
            } catch (Exception ignored) {
                // stopping anyway
            }
        }
    }
}
