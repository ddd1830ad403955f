package io.tributary.fetcher.source.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.api.meta.Reasons;
import io.tributary.fetcher.source.FetchFailure;
import io.tributary.fetcher.status.Sanitizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The registry side of an OCI pull, over the distribution HTTP API: manifests (HEAD for the digest, GET checked
 * against it), the tags list, and blobs streamed to a file under a size cap and checked against their digest.
 * Authentication follows the registry's challenge: Basic with the credentials, or the token flow (the Bearer
 * challenge's realm gives a pull token for the repository, asked for with the credentials if there are any).
 */
public final class RegistryClient {

    static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A manifest as fetched: its bytes, Content-Type and sha256 digest. */
    public record Fetched(byte[] body, String contentType, String digest) {
    }

    private final HttpClient http;
    private final String base;
    private final OciUrl url;
    private final DockerConfig.Credentials credentials;
    private final Duration timeout;
    private String authorization;
    private int blobGets;

    public RegistryClient(OciUrl url, boolean insecure, SSLContext tls, DockerConfig.Credentials credentials, Duration timeout) {
        this(url, insecure, tls, credentials, timeout, null);
    }

    /** As the other constructor, every request through {@code proxy} (null for a direct connection). */
    public RegistryClient(OciUrl url, boolean insecure, SSLContext tls, DockerConfig.Credentials credentials, Duration timeout,
            HttpProxy proxy) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL);
        if (tls != null) {
            builder.sslContext(tls);
        }
        if (proxy != null) {
            proxy.configure(builder, credentials);
        }
        this.http = builder.build();
        this.base = (insecure ? "http://" : "https://") + url.registry();
        this.url = url;
        this.credentials = credentials;
        this.timeout = timeout;
    }

    /** How many blob downloads this client started. */
    public int blobGets() {
        return blobGets;
    }

    /** The manifest digest a tag or digest resolves to, from HEAD's Docker-Content-Digest; empty when HEAD does not say. */
    public Optional<String> headDigest(String reference) throws FetchFailure, IOException, InterruptedException {
        HttpResponse<Void> head = send(manifestRequest(reference).method("HEAD", HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.discarding());
        if (head.statusCode() == 200) {
            return head.headers().firstValue("Docker-Content-Digest").filter(OciRef.DIGEST.asMatchPredicate());
        }
        throw failure(head.statusCode(), "manifest '" + where(reference) + "'", null);
    }

    /** The manifest's bytes; a digest reference, and a digest the registry names, must match what arrived. */
    public Fetched manifest(String reference) throws FetchFailure, IOException, InterruptedException {
        return manifest(reference, false).orElseThrow();
    }

    /** As {@link #manifest}, empty when the registry answers 404 (a tag that may not exist, such as a signature tag). */
    public Optional<Fetched> findManifest(String reference) throws FetchFailure, IOException, InterruptedException {
        return manifest(reference, true);
    }

    private Optional<Fetched> manifest(String reference, boolean missingIsEmpty) throws FetchFailure, IOException, InterruptedException {
        HttpResponse<InputStream> get = send(manifestRequest(reference).GET(), HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (InputStream in = get.body()) {
            body = in.readNBytes(MAX_MANIFEST_BYTES + 1);
        }
        if (get.statusCode() == 404 && missingIsEmpty) {
            return Optional.empty();
        }
        if (get.statusCode() != 200) {
            throw failure(get.statusCode(), "manifest '" + where(reference) + "'", new String(body, StandardCharsets.UTF_8));
        }
        if (body.length > MAX_MANIFEST_BYTES) {
            throw new FetchFailure(OciReasons.PULL_FAILED, "manifest '" + where(reference) + "' is over " + MAX_MANIFEST_BYTES + " bytes", false);
        }
        String digest = sha256(body);
        String named = reference.startsWith("sha256:") ? reference : get.headers().firstValue("Docker-Content-Digest").orElse(digest);
        if (!named.equals(digest)) {
            throw new FetchFailure(OciReasons.PULL_FAILED, "manifest '" + where(reference) + "': digest mismatch: expected " + named
                    + ", the content is " + digest, false);
        }
        return Optional.of(new Fetched(body, get.headers().firstValue("Content-Type").orElse(""), digest));
    }

    /** Every tag of the repository, following the {@code Link} pages. */
    public List<String> tags() throws FetchFailure, IOException, InterruptedException {
        List<String> tags = new ArrayList<>();
        String next = "/v2/" + url.repository() + "/tags/list?n=1000";
        for (int page = 0; next != null && page < 1000; page++) {
            HttpResponse<String> list = send(request(URI.create(base + next)).GET(), HttpResponse.BodyHandlers.ofString());
            if (list.statusCode() != 200) {
                throw failure(list.statusCode(), "tags of '" + url + "'", list.body());
            }
            for (JsonNode tag : JSON.readTree(list.body()).path("tags")) {
                tags.add(tag.asText());
            }
            next = list.headers().firstValue("Link").map(RegistryClient::linkTarget).orElse(null);
        }
        return tags;
    }

    /** Streams a blob into {@code target}; refused over {@code maxBytes}, or when its size or sha256 is not the descriptor's. */
    public void blob(OciManifest.Descriptor layer, Path target, long maxBytes) throws FetchFailure, IOException, InterruptedException {
        if (layer.size() > maxBytes) {
            throw new FetchFailure(OciReasons.LAYER_OPERATION_FAILED, "layer " + layer.digest() + " of '" + url + "' is " + layer.size()
                    + " bytes, over the limit of " + maxBytes, false);
        }
        blobGets++;
        HttpResponse<InputStream> get = send(request(URI.create(base + "/v2/" + url.repository() + "/blobs/" + layer.digest())).GET(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (get.statusCode() != 200) {
            get.body().close();
            throw failure(get.statusCode(), "blob " + layer.digest() + " of '" + url + "'", null);
        }
        MessageDigest sha = sha();
        long written = 0;
        try (InputStream in = get.body(); OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                written += n;
                if (written > maxBytes || written > layer.size()) {
                    throw new FetchFailure(OciReasons.LAYER_OPERATION_FAILED, "layer " + layer.digest() + " of '" + url
                            + "' is larger than its descriptor's " + layer.size() + " bytes or the limit of " + maxBytes, false);
                }
                sha.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        String digest = "sha256:" + HexFormat.of().formatHex(sha.digest());
        if (written != layer.size() || !digest.equals(layer.digest())) {
            throw new FetchFailure(OciReasons.PULL_FAILED, "layer of '" + url + "': digest mismatch: the manifest names " + layer.digest()
                    + " (" + layer.size() + " bytes), the registry sent " + digest + " (" + written + " bytes)", false);
        }
    }

    private HttpRequest.Builder manifestRequest(String reference) {
        return request(URI.create(base + "/v2/" + url.repository() + "/manifests/" + reference)).header("Accept", OciManifest.ACCEPT);
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout);
    }

    /** Sends with the current authorization; on a 401 answers the challenge once and sends again. */
    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) throws FetchFailure, IOException, InterruptedException {
        HttpRequest built = request.build();
        HttpResponse<T> response;
        try {
            response = http.send(authorized(built), body);
        } catch (IOException e) {
            throw refusedBasic(e);
        }
        if (response.statusCode() != 401) {
            return response;
        }
        WwwAuthenticate challenge = WwwAuthenticate.parse(response.headers().firstValue("WWW-Authenticate").orElse(null));
        discard(response);
        if (challenge == null) {
            throw new FetchFailure(Reasons.AUTHENTICATION_FAILED, "'" + url + "': the registry answered 401 without a challenge", false);
        }
        if (challenge.scheme().equals("basic")) {
            if (credentials == null) {
                throw new FetchFailure(Reasons.AUTHENTICATION_FAILED, "'" + url + "': the registry requires credentials (spec.secretRef)", false);
            }
            authorization = basic();
        } else if (challenge.scheme().equals("bearer")) {
            authorization = "Bearer " + token(challenge);
        } else {
            throw new FetchFailure(Reasons.AUTHENTICATION_FAILED, "'" + url + "': unsupported authentication scheme '" + challenge.scheme() + "'", false);
        }
        try {
            return http.send(authorized(built), body);
        } catch (IOException e) {
            throw refusedBasic(e);
        }
    }

    /**
     * With a proxy that needs credentials the JDK answers a registry's Basic challenge itself (see {@link HttpProxy}):
     * its refusals come back as these IOExceptions, reported as the refusals they are.
     */
    private IOException refusedBasic(IOException e) throws FetchFailure {
        if (!"No credentials provided".equals(e.getMessage())) {
            return e;
        }
        if (credentials == null) {
            throw new FetchFailure(Reasons.AUTHENTICATION_FAILED, "'" + url + "': the registry requires credentials (spec.secretRef)", false);
        }
        throw new FetchFailure(Reasons.AUTHENTICATION_FAILED, "'" + url + "': the registry answered 401 for user '"
                + credentials.username() + "'", false);
    }

    private HttpRequest authorized(HttpRequest request) {
        if (authorization == null) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", authorization).build();
    }

    /** The token flow: GET realm?service=..&scope=repository:<repo>:pull, with Basic credentials when there are some. */
    private String token(WwwAuthenticate challenge) throws FetchFailure, IOException, InterruptedException {
        String realm = challenge.parameters().get("realm");
        if (realm == null || !(realm.startsWith("https://") || realm.startsWith("http://"))) {
            throw new FetchFailure(Reasons.AUTHENTICATION_FAILED, "'" + url + "': the Bearer challenge has no http(s) realm", false);
        }
        StringBuilder query = new StringBuilder();
        if (challenge.parameters().containsKey("service")) {
            query.append("service=").append(URLEncoder.encode(challenge.parameters().get("service"), StandardCharsets.UTF_8)).append('&');
        }
        query.append("scope=").append(URLEncoder.encode("repository:" + url.repository() + ":pull", StandardCharsets.UTF_8));
        HttpRequest.Builder request = request(URI.create(realm + (realm.contains("?") ? "&" : "?") + query)).GET();
        if (credentials != null) {
            request.header("Authorization", basic());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new FetchFailure(Reasons.AUTHENTICATION_FAILED, "'" + url + "': the token server answered " + response.statusCode()
                    + (credentials == null ? " (no credentials: spec.secretRef)" : " for user '" + credentials.username() + "'"), false);
        }
        JsonNode answer = JSON.readTree(response.body());
        String token = answer.path("token").asText(answer.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new FetchFailure(Reasons.AUTHENTICATION_FAILED, "'" + url + "': the token server's answer has no token", false);
        }
        return token;
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8));
    }

    private FetchFailure failure(int status, String what, String body) {
        String detail = body == null ? "" : ": " + Sanitizer.sanitize(errorText(body));
        if (status == 401 || status == 403) {
            return new FetchFailure(Reasons.AUTHENTICATION_FAILED, what + ": the registry answered " + status
                    + (credentials == null ? " (no credentials: spec.secretRef)" : " for user '" + credentials.username() + "'") + detail, false);
        }
        if (status == 404) {
            return new FetchFailure(OciReasons.PULL_FAILED, what + " not found" + detail, false);
        }
        return new FetchFailure(OciReasons.PULL_FAILED, what + ": the registry answered " + status + detail, false);
    }

    /** The first error message of a distribution error body, else the body, cut short. */
    static String errorText(String body) {
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                return errors.get(0).path("code").asText() + " " + errors.get(0).path("message").asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through to the raw body
        }
        return body.length() > 200 ? body.substring(0, 200) : body;
    }

    static String linkTarget(String link) {
        int open = link.indexOf('<');
        int close = link.indexOf('>');
        return open >= 0 && close > open && link.contains("rel=\"next\"") ? link.substring(open + 1, close) : null;
    }

    private String where(String reference) {
        return url + (reference.startsWith("sha256:") ? "@" : ":") + reference;
    }

    private static void discard(HttpResponse<?> response) throws IOException {
        if (response.body() instanceof InputStream in) {
            in.close();
        }
    }

    static String sha256(byte[] content) {
        MessageDigest sha = sha();
        return "sha256:" + HexFormat.of().formatHex(sha.digest(content));
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
