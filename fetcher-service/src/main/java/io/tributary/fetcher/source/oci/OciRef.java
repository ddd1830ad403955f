package io.tributary.fetcher.source.oci;

import io.tributary.api.source.OCIRepositoryRef;
import io.tributary.semver.Constraint;
import io.tributary.semver.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** What an OCIRepository pulls, with Flux's precedence: {@code digest} over {@code semver} over {@code tag}, else {@code latest}. */
public sealed interface OciRef {

    String HELM_CHART_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    String DEFAULT_TAG = "latest";
    Pattern DIGEST = Pattern.compile("^sha256:[a-f0-9]{64}$");
    Pattern TAG = Pattern.compile("^[\\w][\\w.-]{0,127}$");

    record Digest(String digest) implements OciRef {
    }

    record Semver(String range, Constraint constraint, Pattern filter) implements OciRef {
    }

    record Tag(String tag) implements OciRef {
    }

    /** @throws IllegalArgumentException naming the {@code spec.ref} field that is invalid */
    static OciRef of(OCIRepositoryRef ref) {
        if (ref != null && notEmpty(ref.digest)) {
            if (!DIGEST.matcher(ref.digest).matches()) {
                throw new IllegalArgumentException("spec.ref.digest: '" + ref.digest + "' is not a sha256:<64 hex> digest");
            }
            return new Digest(ref.digest);
        }
        if (ref != null && notEmpty(ref.semver)) {
            Constraint constraint;
            try {
                constraint = Constraint.parse(ref.semver);
            } catch (IllegalArgumentException invalid) {
                throw new IllegalArgumentException("spec.ref.semver: semver '" + ref.semver + "' parse error: " + invalid.getMessage());
            }
            Pattern filter = null;
            if (notEmpty(ref.semverFilter)) {
                try {
                    filter = Pattern.compile(ref.semverFilter);
                } catch (PatternSyntaxException invalid) {
                    throw new IllegalArgumentException("spec.ref.semverFilter: '" + ref.semverFilter + "' is not a regular expression: "
                            + invalid.getDescription());
                }
            }
            return new Semver(ref.semver, constraint, filter);
        }
        if (ref != null && notEmpty(ref.tag)) {
            if (!TAG.matcher(ref.tag).matches()) {
                throw new IllegalArgumentException("spec.ref.tag: '" + ref.tag + "' is not a valid OCI tag");
            }
            return new Tag(ref.tag);
        }
        return new Tag(DEFAULT_TAG);
    }

    /**
     * The tag of the highest version in {@code tags} that passes the filter and the range, as Flux's getTagBySemver:
     * for Helm chart layers {@code _} in a tag stands for {@code +}.
     *
     * @throws IllegalStateException "no match found for semver: ..." when none does
     */
    static String pick(Semver semver, List<String> tags, String layerMediaType) {
        boolean chart = HELM_CHART_LAYER.equals(layerMediaType);
        List<Version> matching = new ArrayList<>();
        for (String tag : tags) {
            if (semver.filter() != null && !semver.filter().matcher(tag).find()) {
                continue;
            }
            Version version = Version.tryParse(chart ? tag.replace('_', '+') : tag);
            if (version != null && semver.constraint().matches(version)) {
                matching.add(version);
            }
        }
        Version best = matching.stream().max(Version::compareTo)
                .orElseThrow(() -> new IllegalStateException("no match found for semver: " + semver.range()));
        return chart ? best.original().replace('+', '_') : best.original();
    }

    /** Flux's revision: {@code <tag>@sha256:<manifest digest>}, or the digest alone for a digest reference. */
    static String revision(OciRef ref, String tag, String manifestDigest) {
        return ref instanceof Digest ? manifestDigest : tag + "@" + manifestDigest;
    }

    private static boolean notEmpty(String value) {
        return value != null && !value.isEmpty();
    }
}
