package io.tributary.release.postrender;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.helm.HelmReleaseSpec.PostRenderer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Digests as helm-controller's {@code postrender.Digest}/{@code CommonMetadataDigest} compute them (values from Go's encoder). */
class PostRenderDigestTest {

    static PostRenderer.Patch patch(String text, HelmReleaseSpec.Selector target) {
        PostRenderer.Patch p = new PostRenderer.Patch();
        p.patch = text;
        p.target = target;
        return p;
    }

    static PostRenderer.Image image(String name, String newName, String newTag, String digest) {
        PostRenderer.Image i = new PostRenderer.Image();
        i.name = name;
        i.newName = newName;
        i.newTag = newTag;
        i.digest = digest;
        return i;
    }

    @Test
    void postRenderersAreDigestedAsGoEncodesThem() {
        HelmReleaseSpec.Selector target = new HelmReleaseSpec.Selector();
        target.version = "v1";
        target.kind = "Deployment";
        target.name = "metrics-server";
        target.labelSelector = "a=b";
        PostRenderer first = new PostRenderer();
        first.kustomize = new PostRenderer.Kustomize();
        first.kustomize.patches = List.of(
                patch("- op: add\n  path: /metadata/labels/env\n  value: <prod & \"x\">\n", target),
                patch("apiVersion: v1\nkind: ConfigMap\n", new HelmReleaseSpec.Selector()),
                patch("\u2028é\t", null));
        first.kustomize.images = List.of(image("nginx", null, "1.2", null), image("x", "y", "", "sha256:abc"));

        assertThat(PostRenderDigest.postRenderers(List.of(first, new PostRenderer())))
                .isEqualTo("sha256:28cf385db0a2c5f9df53d3bdd53b35e1d17f6c0138213bb2751c81fe57212909");
        assertThat(PostRenderDigest.postRenderers(List.of()))
                .isEqualTo("sha256:37517e5f3dc66819f61f5a7bb8ace1921282415f10551d2defa5c3eb0985b570");
        assertThat(PostRenderDigest.postRenderers(null)).isEmpty();
    }

    @Test
    void commonMetadataIsDigestedWithSortedKeys() {
        HelmReleaseSpec.CommonMetadata metadata = new HelmReleaseSpec.CommonMetadata();
        metadata.labels = new LinkedHashMap<>(Map.of("b", "2", "a", "1", "Z", "0"));
        metadata.annotations = Map.of("note", "<x>");

        assertThat(PostRenderDigest.commonMetadata(metadata))
                .isEqualTo("sha256:b3dfca0f4928ae73bf36171c9e12880d4762ce86da5bd6ec0bdc216e8e64f6c3");
        assertThat(PostRenderDigest.commonMetadata(new HelmReleaseSpec.CommonMetadata()))
                .isEqualTo("sha256:ca3d163bab055381827226140568f3bef7eaac187cebd76878e0b63e9e442356");
        assertThat(PostRenderDigest.commonMetadata(null)).isEmpty();
    }
}
