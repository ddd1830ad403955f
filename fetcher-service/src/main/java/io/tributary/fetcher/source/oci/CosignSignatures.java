package io.tributary.fetcher.source.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.fetcher.source.FetchFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Cosign signatures of a manifest, as cosign's {@code VerifyImageSignatures} reads them offline with a public key
 * (no transparency log): the tag {@code sha256-<hex>.sig} of the same repository holds an image manifest whose
 * layers are simple-signing payloads, each with its base64 signature in the {@code dev.cosignproject.cosign/signature}
 * annotation. A manifest is verified when one layer's signature verifies with one of the keys and its payload's
 * {@code critical.image.docker-manifest-digest} is that manifest's digest (and its {@code critical.type} the cosign
 * container image signature type). Only the signature manifest and its small payload blobs are downloaded.
 */
public final class CosignSignatures {

    public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
    public static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
    public static final String SIGNATURE_TYPE = "cosign container image signature";
    static final long MAX_PAYLOAD_BYTES = 1 << 20;
    static final int MAX_SIGNATURES = 100;
    private static final Pattern DIGEST = Pattern.compile("^sha256:[a-f0-9]{64}$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The signature that verified: the signature layer's digest and the Secret key that verified it. */
    public record Verified(String layer, String key) {
    }

    private CosignSignatures() {
    }

    /** The tag cosign stores the signatures of {@code digest} under. */
    public static String signatureTag(String digest) {
        return digest.replace(':', '-') + ".sig";
    }

    /**
     * Verifies the signatures of {@code digest} in the client's repository with {@code keys}.
     *
     * @throws OciVerificationFailure naming what is wrong: no signatures, or why none of them matched
     */
    public static Verified verify(RegistryClient client, OciUrl url, String digest, List<CosignKeys.Key> keys, Path dir)
            throws FetchFailure, IOException, InterruptedException {
        String ref = url + "@" + digest;
        String tag = signatureTag(digest);
        Optional<RegistryClient.Fetched> manifest;
        try {
            manifest = client.findManifest(tag);
        } catch (FetchFailure registry) {
            throw new OciVerificationFailure("failed to read the signatures of '" + ref + "': " + registry.getMessage());
        }
        if (manifest.isEmpty()) {
            throw new OciVerificationFailure("no signatures found for '" + ref + "' (no tag '" + tag + "')");
        }
        JsonNode layers;
        try {
            layers = JSON.readTree(manifest.get().body()).path("layers");
        } catch (IOException invalid) {
            throw new OciVerificationFailure("no matching signatures were found for '" + ref + "': the signature manifest '" + tag
                    + "' is not JSON");
        }
        if (!layers.isArray() || layers.isEmpty()) {
            throw new OciVerificationFailure("no signatures found for '" + ref + "' (the manifest of tag '" + tag + "' has no layers)");
        }
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (JsonNode layer : layers) {
            if (++checked > MAX_SIGNATURES) {
                problems.add("more than " + MAX_SIGNATURES + " signatures, the rest not checked");
                break;
            }
            Checked outcome = check(client, layer, digest, keys, dir, checked);
            if (outcome.verified() != null) {
                return outcome.verified();
            }
            problems.add(outcome.problem());
        }
        throw new OciVerificationFailure("no matching signatures were found for '" + ref + "': " + String.join("; ", problems));
    }

    /** One signature layer's outcome: verified, or the problem. */
    private record Checked(Verified verified, String problem) {
        static Checked refused(String problem) {
            return new Checked(null, problem);
        }
    }

    /** Whether this signature layer verifies {@code digest}, or why not. */
    private static Checked check(RegistryClient client, JsonNode layer, String digest, List<CosignKeys.Key> keys, Path dir, int index)
            throws FetchFailure, IOException, InterruptedException {
        String layerDigest = layer.path("digest").asText("");
        String name = "signature " + index + (DIGEST.matcher(layerDigest).matches() ? " (" + layerDigest.substring(0, 19) + ")" : "");
        String encoded = layer.path("annotations").path(SIGNATURE_ANNOTATION).asText("");
        if (!DIGEST.matcher(layerDigest).matches() || layer.path("size").asLong(-1) < 0) {
            return Checked.refused(name + ": layer descriptor has no valid digest and size");
        }
        if (encoded.isEmpty()) {
            return Checked.refused(name + ": no '" + SIGNATURE_ANNOTATION + "' annotation");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException invalid) {
            return Checked.refused(name + ": the signature annotation is not base64");
        }
        Path file = dir.resolve("cosign-payload-" + index);
        try {
            client.blob(new OciManifest.Descriptor(layer.path("mediaType").asText(""), layerDigest, layer.path("size").asLong()), file,
                    MAX_PAYLOAD_BYTES);
        } catch (FetchFailure registry) {
            return Checked.refused(name + ": " + registry.getMessage());
        }
        byte[] payload = Files.readAllBytes(file);
        Files.delete(file);
        Optional<CosignKeys.Key> key = keys.stream().filter(k -> k.verifies(payload, signature)).findFirst();
        if (key.isEmpty()) {
            return Checked.refused(name + ": the signature does not verify with any of the keys ("
                    + String.join(", ", keys.stream().map(CosignKeys.Key::name).toList()) + ")");
        }
        JsonNode critical;
        try {
            critical = JSON.readTree(payload).path("critical");
        } catch (IOException invalid) {
            return Checked.refused(name + ": the signed payload is not JSON");
        }
        String signed = critical.path("image").path("docker-manifest-digest").asText("");
        if (!digest.equals(signed)) {
            return Checked.refused(name + ": the signed payload names digest '" + signed + "', not '" + digest + "'");
        }
        String type = critical.path("type").asText("");
        if (!SIGNATURE_TYPE.equals(type)) {
            return Checked.refused(name + ": the signed payload's type is '" + type + "', not '" + SIGNATURE_TYPE + "'");
        }
        return new Checked(new Verified(layerDigest, key.get().name()), null);
    }
}
